using System.Buffers.Binary;
using FedUnlearn.Rpc.Client.Internal;
using FedUnlearn.Rpc.Client.Internal.Http2;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Client.Internal.Http2;

/// <summary>Connection-level behaviour: GOAWAY, oversized frames, PING, MAX_CONCURRENT_STREAMS.</summary>
public sealed partial class Http2HandlerTests
{
    [Fact]
    public async Task SendAsync_GoAwayBelowStream_FailsItAndNextRequestUsesNewConnection()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> first = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        await peer.ReadRequestHeadersAsync();
        await peer.WriteAsync(FrameBuilder.GoAway(0, Http2ErrorCode.NoError));
        HttpRequestException refused = await Assert.ThrowsAsync<HttpRequestException>(() => first.WaitAsync(Timeout));
        Assert.Contains("GOAWAY", refused.Message, StringComparison.Ordinal);

        Task<HttpResponseMessage> second = client.SendAsync(Post(server, new ByteArrayContent([2])), CancellationToken.None);
        FakeHttp2Server.Peer fresh = await server.AcceptAsync();
        (int id, _, _) = await fresh.ReadRequestHeadersAsync();
        Assert.Equal(1, id); // a new connection starts again at stream 1
        await fresh.WriteHeadersAsync(id, true, (":status", "200"), ("grpc-status", "0"));
        using HttpResponseMessage response = await second.WaitAsync(Timeout);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    [Fact]
    public async Task ReadLoop_FrameLargerThanOurMax_FailsStreamsAndSendsGoAwayFrameSizeError()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient(new Http2ClientSettings { MaxFrameSize = 16_384 });
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        (int id, _, _) = await peer.ReadRequestHeadersAsync();

        await peer.WriteFrameAsync(Http2Protocol.Data, 0, id, new byte[16_385]);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Timeout));
        Assert.Equal(Http2ErrorCode.FrameSizeError, Assert.IsType<Http2ConnectionException>(ex.InnerException).Code);
        (_, byte[] goAway) = await peer.ReadAsync(Http2Protocol.GoAway);
        Assert.Equal((uint)Http2ErrorCode.FrameSizeError, BinaryPrimitives.ReadUInt32BigEndian(goAway.AsSpan(4)));
    }

    [Theory]
    [InlineData(Http2Protocol.WindowUpdate, 0, new byte[] { 0, 0, 1 }, (int)Http2ErrorCode.FrameSizeError)]        // 3-byte WINDOW_UPDATE
    [InlineData(Http2Protocol.WindowUpdate, 0, new byte[] { 0, 0, 0, 0 }, (int)Http2ErrorCode.ProtocolError)]      // increment 0 on the connection
    [InlineData(Http2Protocol.Settings, 1, new byte[] { 0, 4, 0, 0, 0, 0 }, (int)Http2ErrorCode.ProtocolError)]    // SETTINGS on a stream
    [InlineData(Http2Protocol.PushPromise, 1, new byte[] { 0, 0, 0, 2 }, (int)Http2ErrorCode.ProtocolError)]      // push although disabled
    [InlineData(Http2Protocol.Headers, 2, new byte[] { 0x88 }, (int)Http2ErrorCode.ProtocolError)]                // a stream never opened
    [InlineData(Http2Protocol.Headers, 1, new byte[] { 0xff, 0xff }, (int)Http2ErrorCode.CompressionError)]       // broken HPACK
    [InlineData(Http2Protocol.Continuation, 1, new byte[] { 0x88 }, (int)Http2ErrorCode.ProtocolError)]           // CONTINUATION out of nowhere
    public async Task ReadLoop_MalformedFrame_ConnectionErrorWithCode(byte type, int streamId, byte[] payload, int expectedCode)
    {
        var expected = (Http2ErrorCode)expectedCode;
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        await peer.ReadRequestHeadersAsync();

        await peer.WriteFrameAsync(type, Http2Protocol.EndHeaders, streamId, payload);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Timeout));
        Assert.Equal(expected, Assert.IsType<Http2ConnectionException>(ex.InnerException).Code);
        (_, byte[] goAway) = await peer.ReadAsync(Http2Protocol.GoAway);
        Assert.Equal((uint)expected, BinaryPrimitives.ReadUInt32BigEndian(goAway.AsSpan(4)));
    }

    [Fact]
    public async Task Dispose_ResponseWithUnreadBody_ResetsStreamAndReturnsConnectionWindow()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient(new Http2ClientSettings { MaxFrameSize = 16_384, ConnectionWindowSize = 100_000 });
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        (int id, _, _) = await peer.ReadRequestHeadersAsync();
        await peer.WriteHeadersAsync(id, false, (":status", "200"));
        for (int i = 0; i < 4; i++)
        {
            await peer.WriteFrameAsync(Http2Protocol.Data, 0, id, new byte[15_000]);
        }

        await peer.SyncAsync(); // the client has processed the DATA
        (await send.WaitAsync(Timeout)).Dispose();

        (FrameHeader reset, _) = await peer.ReadAsync(Http2Protocol.RstStream);
        Assert.Equal(id, reset.StreamId);
        while (true)
        {
            (FrameHeader header, byte[] payload) = await peer.ReadAsync(Http2Protocol.WindowUpdate);
            if (header.StreamId == 0 && BinaryPrimitives.ReadUInt32BigEndian(payload) != 100_000 - 65_535)
            {
                Assert.Equal(60_000u, BinaryPrimitives.ReadUInt32BigEndian(payload));
                return;
            }
        }
    }

    [Fact]
    public async Task ReadLoop_FirstFrameNotSettings_ConnectionError()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        _ = AnswerEveryConnectionWithHttp11Async(server); // a request not yet sent when its connection fails is retried on a new one
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Timeout));
        Assert.True(ex.InnerException is Http2ConnectionException { Code: Http2ErrorCode.FrameSizeError } or Http2RetryException, ex.ToString());
    }

    private static async Task AnswerEveryConnectionWithHttp11Async(FakeHttp2Server server)
    {
        try
        {
            while (true)
            {
                System.Net.Sockets.Socket socket = await server.AcceptRawAsync();
                await socket.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
            }
        }
        catch (Exception ex) when (ex is TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // The test has ended and stopped the listener.
        }
    }

    [Fact]
    public async Task ReadLoop_PeerPing_AnsweredWithSamePayload()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        await peer.ReadRequestHeadersAsync();

        await peer.WriteAsync(FrameBuilder.Ping(ack: false, 0x1122334455667788));
        (FrameHeader header, byte[] payload) = await peer.ReadAsync(Http2Protocol.Ping);
        Assert.True(header.HasFlag(Http2Protocol.Ack));
        Assert.Equal(0x1122334455667788, BinaryPrimitives.ReadInt64BigEndian(payload));
    }

    [Fact]
    public async Task SendAsync_PeerMaxConcurrentStreamsReached_OpensSecondConnection()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> first = client.SendAsync(Post(server, new StreamingRequestContent()), CancellationToken.None);
        FakeHttp2Server.Peer one = await server.AcceptAsync((Http2Protocol.MaxConcurrentStreams, 1u));
        (int firstId, _, _) = await one.ReadRequestHeadersAsync();
        await one.SyncAsync(); // the client knows this connection is full

        Task<HttpResponseMessage> second = client.SendAsync(Post(server, new ByteArrayContent([2])), CancellationToken.None);
        FakeHttp2Server.Peer two = await server.AcceptAsync((Http2Protocol.MaxConcurrentStreams, 1u));
        (int secondId, _, _) = await two.ReadRequestHeadersAsync();
        Assert.Equal((1, 1), (firstId, secondId));
        await two.WriteHeadersAsync(secondId, true, (":status", "200"), ("grpc-status", "0"));
        using HttpResponseMessage response = await second.WaitAsync(Timeout);
        Assert.False(first.IsCompleted);
    }
}
