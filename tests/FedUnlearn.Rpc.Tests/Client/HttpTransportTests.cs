using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Client;

/// <summary>
/// The same calls through both HTTP/2 transports a channel can use: the rest of the suite runs
/// on the default (<see cref="HttpTransport.Http2Client"/>), this keeps the alternative honest.
/// </summary>
public sealed class HttpTransportTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Theory]
    [InlineData(HttpTransport.Http2Client)]
    [InlineData(HttpTransport.SocketsHttpHandler)]
    public async Task Calls_EitherTransport_UnaryStreamingAndErrorsBehaveTheSame(HttpTransport transport)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { Transport = transport });

        EchoReply unary = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "hello" });
        Assert.Equal("hello", unary.Text);

        using ClientStreamingCall<EchoRequest, EchoReply> upload = channel.ClientStreamingCall(Echo.Collect);
        byte[] chunk = new byte[1 << 20];
        for (long offset = 0; offset < 3L << 20; offset += chunk.Length)
        {
            Payload.Fill(chunk, offset);
            await upload.RequestStream.WriteAsync(new EchoRequest { Payload = UnsafeByteOperations.UnsafeWrap(chunk) });
        }

        await upload.RequestStream.CompleteAsync();
        EchoReply collected = await upload;
        Assert.Equal(3L << 20, collected.TotalBytes);
        Assert.Equal(Payload.Sha256(3L << 20, chunk.Length), collected.Payload.ToByteArray());

        using ServerStreamingCall<EchoReply> download = channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 96, ChunkSize = 32 });
        int received = 0;
        await foreach (EchoReply reply in download.ResponseStream)
        {
            received += reply.Payload.Length;
        }

        Assert.Equal(96, received);
        RpcException failed = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:5:gone" }));
        Assert.Equal((StatusCode.NotFound, "gone"), (failed.StatusCode, failed.Status.Detail));
    }
}
