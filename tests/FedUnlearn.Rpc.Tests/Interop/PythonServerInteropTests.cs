using System.Security.Cryptography;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Interop;

/// <summary>Our client against a python grpcio (C-core) server in a subprocess.</summary>
public sealed class PythonServerInteropTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Unary_Echo()
    {
        EchoReply reply = await Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "to python", Payload = ByteString.CopyFrom(7, 8) });

        Assert.Equal("to python", reply.Text);
        Assert.Equal(2, reply.Index);
    }

    [Fact]
    public async Task ClientStreaming_HashMatches()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = Channel.ClientStreamingCall(Echo.Collect);
        byte[] chunk = new byte[256 * 1024];
        for (int i = 0; i < 8; i++)
        {
            Payload.Fill(chunk, i * (long)chunk.Length);
            await call.RequestStream.WriteAsync(new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Payload = ByteString.CopyFrom(chunk) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call;

        Assert.Equal("01234567", reply.Text);
        Assert.Equal(8 * chunk.Length, reply.TotalBytes);
        Assert.Equal(Payload.Sha256(8 * chunk.Length, chunk.Length), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task ServerStreaming_HashMatches()
    {
        using ServerStreamingCall<EchoReply> call = Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 256 * 1024, ChunkSize = 32 * 1024 });
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var indexes = new List<int>();
        await foreach (EchoReply reply in call.ResponseStream)
        {
            indexes.Add(reply.Index);
            hash.AppendData(reply.Payload.Span);
        }

        Assert.Equal(Enumerable.Range(0, 8), indexes);
        Assert.Equal(Payload.Sha256(256 * 1024, 32 * 1024), hash.GetHashAndReset());
    }

    [Fact]
    public async Task ServerStreaming_AbortMidStream_MessagesThenStatus()
    {
        using ServerStreamingCall<EchoReply> call = Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 80, ChunkSize = 8, FailAfter = 2 });
        int received = 0;

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (EchoReply _ in call.ResponseStream)
            {
                received++;
            }
        });

        Assert.Equal(2, received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("failed after 2 messages", ex.Status.Detail);
    }

    [Fact]
    public async Task Duplex_PingPong()
    {
        using DuplexStreamingCall<EchoRequest, EchoReply> call = Channel.DuplexStreamingCall(Echo.Chat);
        await using IAsyncEnumerator<EchoReply> responses = call.ResponseStream.GetAsyncEnumerator();
        foreach (string text in new[] { "x", "y" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal("echo:" + text, responses.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
    }

    [Fact]
    public async Task ErrorStatus_NonAsciiMessageDecoded()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:5:Ünïcødé ✓ 100%" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Ünïcødé ✓ 100%", ex.Status.Detail);
    }

    [Fact]
    public async Task Deadline_PythonHandlerTooSlow_DeadlineExceeded()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "wait:x" }, new CallOptions { Timeout = TimeSpan.FromMilliseconds(100) }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Metadata_SentAndReturnedByGrpcio()
    {
        using AsyncUnaryCall<EchoReply> call = Channel.UnaryCall(Echo.Unary, new EchoRequest { Text = "meta" },
            new CallOptions { Headers = new Metadata().Add("x-text", "v2").Add("x-data-bin", [0, 255]), Timeout = TimeSpan.FromSeconds(30) });

        EchoReply reply = await call;

        Assert.Equal("deadline", reply.Text); // grpcio parsed our grpc-timeout
        Assert.Equal("v2", (await call.ResponseHeadersAsync).GetValue("h-x-text"));
        Assert.Equal(new byte[] { 0, 255 }, call.GetTrailers().GetValueBytes("t-x-data-bin"));
    }

    [Fact]
    public async Task Gzip_CompressedRequestAcceptedByGrpcio()
    {
        using GrpcChannel gzip = GrpcChannel.ForAddress(fixture.Address, new GrpcChannelOptions { CompressRequests = true });

        EchoReply reply = await gzip.UnaryAsync(Echo.Unary, new EchoRequest { Text = "gz", Payload = ByteString.CopyFrom(new byte[50_000]) });

        Assert.Equal(50_000, reply.Index);
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, Echo.ServiceName, "Missing");

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(missing, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }
}
