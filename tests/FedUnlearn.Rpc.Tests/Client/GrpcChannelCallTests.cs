using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Client;

/// <summary>Every call shape against a real Kestrel server.</summary>
public sealed class GrpcChannelCallTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task UnaryCall_Echo_ReturnsTextPayloadAndOkStatus()
    {
        using AsyncUnaryCall<EchoReply> call = Channel.UnaryCall(Echo.Unary, new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(1, 2, 3) });

        EchoReply reply = await call;

        Assert.Equal("hello", reply.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Payload.ToByteArray());
        Assert.Equal(3, reply.Index);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task UnaryCall_EmptyMessage_RoundTrips()
    {
        EchoReply reply = await Channel.UnaryAsync(Echo.Unary, new EchoRequest());

        Assert.Equal(string.Empty, reply.Text);
        Assert.Equal(0, reply.CalculateSize());
    }

    [Fact]
    public async Task UnaryCall_ManyConcurrent_AllSucceed()
    {
        Task<EchoReply>[] calls = Enumerable.Range(0, 200)
            .Select(i => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "n" + i }))
            .ToArray();

        EchoReply[] replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "n" + i), replies.Select(r => r.Text));
    }

    [Fact]
    public async Task ClientStreamingCall_ThreeMessages_ServerSeesAllInOrder()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = Channel.ClientStreamingCall(Echo.Collect);
        foreach (string part in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = part, Payload = ByteString.CopyFromUtf8(part) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call;

        Assert.Equal("abc", reply.Text);
        Assert.Equal(3, reply.Index);
        Assert.Equal(3, reply.TotalBytes);
    }

    [Fact]
    public async Task ClientStreamingCall_NoMessages_ReturnsEmptyAggregate()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = Channel.ClientStreamingCall(Echo.Collect);
        await call.RequestStream.CompleteAsync();

        EchoReply reply = await call;

        Assert.Equal(0, reply.Index);
    }

    [Fact]
    public async Task ClientStreamingCall_WriteAfterComplete_Throws()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = Channel.ClientStreamingCall(Echo.Collect);
        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
        Assert.Equal(0, (await call).Index);
    }

    [Fact]
    public async Task ServerStreamingCall_TenChunks_ArriveInOrderWithExpectedBytes()
    {
        using ServerStreamingCall<EchoReply> call = Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 80, ChunkSize = 8 });

        var indexes = new List<int>();
        var bytes = new List<byte>();
        await foreach (EchoReply reply in call.ResponseStream)
        {
            indexes.Add(reply.Index);
            bytes.AddRange(reply.Payload.ToByteArray());
        }

        byte[] expected = new byte[80];
        Payload.Fill(expected, 0);
        Assert.Equal(Enumerable.Range(0, 10), indexes);
        Assert.Equal(expected, bytes.ToArray());
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task ServerStreamingCall_NoMessages_EndsCleanly()
    {
        using ServerStreamingCall<EchoReply> call = Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 0 });

        int count = 0;
        await foreach (EchoReply _ in call.ResponseStream)
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task DuplexStreamingCall_PingPong_EachRequestAnsweredBeforeTheNextIsSent()
    {
        using DuplexStreamingCall<EchoRequest, EchoReply> call = Channel.DuplexStreamingCall(Echo.Chat);
        await using IAsyncEnumerator<EchoReply> responses = call.ResponseStream.GetAsyncEnumerator();

        for (int i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "m" + i });
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal("echo:m" + i, responses.Current.Text);
            Assert.Equal(i, responses.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public void UnaryCall_WrongMethodShape_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Channel.UnaryCall(Echo.Expand, new EchoRequest()));
    }
}
