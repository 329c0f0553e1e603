using System.Buffers.Binary;
using System.Net;
using FedUnlearn.Rpc.Client.Internal;
using FedUnlearn.Rpc.Client.Internal.Http2;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Client.Internal.Http2;

/// <summary>The HTTP/2 client against a scripted server: framing, flow control, resets, GOAWAY, errors.</summary>
public sealed partial class Http2HandlerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_Unary_SendsHeadersAndBodyAndReadsBodyAndTrailers()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, content), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();

        (int id, List<(string, string)> fields, bool endStream) = await peer.ReadRequestHeadersAsync();
        Assert.False(endStream);
        Assert.Contains((":method", "POST"), fields);
        Assert.Contains((":scheme", "http"), fields);
        Assert.Contains((":path", "/svc/Method"), fields);
        Assert.Contains(("content-type", "application/grpc"), fields);
        Assert.Equal([1, 2, 3], await ReadRequestBodyAsync(peer));

        await peer.WriteHeadersAsync(id, false, (":status", "200"), ("content-type", "application/grpc"), ("x-header", "h"));
        await peer.WriteFrameAsync(Http2Protocol.Data, 0, id, [9, 8, 7]);
        await peer.WriteHeadersAsync(id, true, ("grpc-status", "0"), ("grpc-message", "fine"));
        using HttpResponseMessage response = await send.WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("h", Assert.Single(response.Headers.GetValues("x-header")));
        Assert.Equal([9, 8, 7], await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout));
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal("fine", Assert.Single(response.TrailingHeaders.GetValues("grpc-message")));
    }

    [Fact]
    public async Task SendAsync_BufferedUnaryRequest_DataCarriesEndStream()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new UnaryRequestContent([0, 0, 0, 0, 1, 42])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();

        (int id, _, bool headersEnd) = await peer.ReadRequestHeadersAsync();
        (FrameHeader data, byte[] payload) = await peer.ReadAnyAsync(); // straight after HEADERS
        Assert.False(headersEnd);
        Assert.Equal((Http2Protocol.Data, id, true), (data.Type, data.StreamId, data.HasFlag(Http2Protocol.EndStream)));
        Assert.Equal([0, 0, 0, 0, 1, 42], payload);
        await peer.WriteHeadersAsync(id, true, (":status", "200"), ("grpc-status", "0"));
        using HttpResponseMessage response = await send.WaitAsync(Timeout);
    }

    [Fact]
    public async Task WriteAsync_ZeroStreamWindow_WaitsAndSendsOnlyWhatWindowUpdatesGrant()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        var content = new StreamingRequestContent();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, content), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync((Http2Protocol.InitialWindowSize, 0u));
        (int id, _, _) = await peer.ReadRequestHeadersAsync();
        await peer.SyncAsync(); // the client has applied the zero window

        Stream body = await content.StreamTask.WaitAsync(Timeout);
        Task write = body.WriteAsync(new byte[10]).AsTask();
        Assert.False(write.IsCompleted); // nothing may go out through a zero window

        await peer.WriteAsync(FrameBuilder.WindowUpdate(id, 4));
        (FrameHeader first, _) = await peer.ReadAsync(Http2Protocol.Data);
        Assert.Equal(4, first.Length);
        Assert.False(write.IsCompleted);

        await peer.WriteAsync(FrameBuilder.WindowUpdate(id, 6));
        (FrameHeader second, _) = await peer.ReadAsync(Http2Protocol.Data);
        Assert.Equal(6, second.Length);
        await write.WaitAsync(Timeout);
        content.Complete();
        Assert.True((await peer.ReadAsync(Http2Protocol.Data)).Header.HasFlag(Http2Protocol.EndStream));
        await peer.WriteHeadersAsync(id, true, (":status", "200"), ("grpc-status", "0"));
        using HttpResponseMessage response = await send.WaitAsync(Timeout);
    }

    [Fact]
    public async Task WriteAsync_PeerAllowsLargeFrames_SendsOneMebibyteDataFrames()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        var content = new StreamingRequestContent();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, content), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync((Http2Protocol.MaxFrameSize, 1u << 20), (Http2Protocol.InitialWindowSize, 4u << 20));
        (int id, _, _) = await peer.ReadRequestHeadersAsync();
        await peer.WriteAsync(FrameBuilder.WindowUpdate(0, 4 << 20));
        await peer.SyncAsync(); // the client has applied the settings and the window update

        Stream body = await content.StreamTask.WaitAsync(Timeout);
        Task write = body.WriteAsync(new byte[(1 << 20) + 5]).AsTask();
        Assert.Equal(1 << 20, (await peer.ReadAsync(Http2Protocol.Data)).Header.Length);
        Assert.Equal(5, (await peer.ReadAsync(Http2Protocol.Data)).Header.Length);
        await write.WaitAsync(Timeout);
        await peer.WriteHeadersAsync(id, true, (":status", "200"), ("grpc-status", "0"));
        using HttpResponseMessage response = await send.WaitAsync(Timeout);
    }

    [Fact]
    public async Task SendAsync_PeerResetsStream_FailsWithItsErrorCode()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new ByteArrayContent([1])), CancellationToken.None);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        (int id, _, _) = await peer.ReadRequestHeadersAsync();

        await peer.WriteAsync(FrameBuilder.RstStream(id, Http2ErrorCode.RefusedStream));
        HttpProtocolException ex = await Assert.ThrowsAsync<HttpProtocolException>(() => send.WaitAsync(Timeout));
        Assert.Equal((long)Http2ErrorCode.RefusedStream, ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_Cancelled_SendsRstStreamCancel()
    {
        await using var server = new FakeHttp2Server();
        using HttpMessageInvoker client = CreateClient();
        using var cts = new CancellationTokenSource();
        Task<HttpResponseMessage> send = client.SendAsync(Post(server, new StreamingRequestContent()), cts.Token);
        FakeHttp2Server.Peer peer = await server.AcceptAsync();
        (int id, _, _) = await peer.ReadRequestHeadersAsync();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Timeout));
        (FrameHeader header, byte[] payload) = await peer.ReadAsync(Http2Protocol.RstStream);
        Assert.Equal(id, header.StreamId);
        Assert.Equal((uint)Http2ErrorCode.Cancel, BinaryPrimitives.ReadUInt32BigEndian(payload));
    }

    private static HttpMessageInvoker CreateClient(Http2ClientSettings? settings = null) =>
        new(new Http2Handler(settings ?? new Http2ClientSettings { MaxFrameSize = 16_384 }), disposeHandler: true);

    private static HttpRequestMessage Post(FakeHttp2Server server, HttpContent content) =>
        new(HttpMethod.Post, new Uri(server.Address, "/svc/Method")) { Version = HttpVersion.Version20, Content = content };

    private static async Task<byte[]> ReadRequestBodyAsync(FakeHttp2Server.Peer peer)
    {
        var body = new List<byte>();
        while (true)
        {
            (FrameHeader header, byte[] payload) = await peer.ReadAsync(Http2Protocol.Data);
            body.AddRange(payload);
            if (header.HasFlag(Http2Protocol.EndStream))
            {
                return [.. body];
            }
        }
    }
}
