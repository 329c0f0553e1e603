using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Client;

/// <summary>Gzip in both directions and custom metadata in headers and trailers.</summary>
public sealed class CompressionAndMetadataTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task UnaryCall_GzipBothWays_RoundTripsAndServerCompresses()
    {
        await using var server = new GrpcServer(new GrpcServerOptions { CompressResponses = true });
        server.AddService(new EchoService().Definition);
        await server.StartAsync();
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { CompressRequests = true });
        byte[] payload = new byte[256 * 1024];
        Payload.Fill(payload.AsSpan(0, 1024), 0); // mostly zeros: very compressible

        EchoReply reply = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "gz", Payload = ByteString.CopyFrom(payload) });

        Assert.Equal(payload, reply.Payload.ToByteArray());
        RawGrpc.Response raw = await RawGrpc.SendAsync(server.Address, Echo.Unary.FullName,
            RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(payload) }), headers: [new("grpc-accept-encoding", "gzip")]);
        Assert.Equal("gzip", raw.Header("grpc-encoding"));
        Assert.Equal(1, raw.Body[0]);
        Assert.True(raw.Body.Length < payload.Length / 10, $"response body {raw.Body.Length} bytes is not compressed");
        Assert.Equal(payload, RawGrpc.ParseSingle(raw.Body, gzip: true).Payload.ToByteArray());
    }

    [Fact]
    public async Task ClientStreamingCall_GzipRequests_ServerHashesPlainBytes()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { CompressRequests = true });
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(Echo.Collect);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 4; i++)
        {
            Payload.Fill(chunk, i * (long)chunk.Length);
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(chunk) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call;

        Assert.Equal(Payload.Sha256(4 * chunk.Length, chunk.Length), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task UnaryCall_Metadata_RoundTripsThroughHeadersAndTrailers()
    {
        byte[] binary = [0, 1, 2, 254, 255, (byte)',', (byte)'='];
        var headers = new Metadata().Add("x-text", "hello world").Add("x-data-bin", binary);

        using AsyncUnaryCall<EchoReply> call = fixture.Channel.UnaryCall(Echo.Unary, new EchoRequest { Text = "meta" }, new CallOptions { Headers = headers });
        Metadata responseHeaders = await call.ResponseHeadersAsync;
        await call;
        Metadata trailers = call.GetTrailers();

        Assert.Equal("hello world", responseHeaders.GetValue("h-x-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("h-x-data-bin"));
        Assert.Equal("hello world", trailers.GetValue("t-x-text"));
        Assert.Equal(binary, trailers.GetValueBytes("t-x-data-bin"));
        Assert.DoesNotContain(trailers, e => e.Key.StartsWith("grpc-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RpcException_TrailersFromServer_ReachClient()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:10:conflict" }));

        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.NotNull(ex.Trailers);
    }
}
