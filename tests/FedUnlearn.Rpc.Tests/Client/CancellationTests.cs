using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Client;

/// <summary>Cancellation by the caller reaches the server handler and surfaces as CANCELLED.</summary>
public sealed class CancellationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task UnaryCall_TokenCancelledWhileServerWorks_CancelledOnBothSides()
    {
        string id = Guid.NewGuid().ToString("N");
        using var cts = new CancellationTokenSource();

        Task<EchoReply> call = fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "wait:" + id }, new CallOptions { CancellationToken = cts.Token });
        await fixture.Service.WatchStart(id).Task.WaitAsync(SafetyNet);
        await cts.CancelAsync();

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(SafetyNet));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True(await fixture.Service.Watch(id).Task.WaitAsync(SafetyNet));
        Assert.Equal("after", (await fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "after" })).Text);
    }

    [Fact]
    public async Task UnaryCall_TokenAlreadyCancelled_Cancelled()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest(), new CallOptions { CancellationToken = new CancellationToken(true) }));

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task ServerStreamingCall_DisposedMidStream_ServerHandlerCancelled()
    {
        string id = Guid.NewGuid().ToString("N");
        ServerStreamingCall<EchoReply> call = fixture.Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { Text = "wait:" + id, TotalBytes = 16 });
        await using (IAsyncEnumerator<EchoReply> responses = call.ResponseStream.GetAsyncEnumerator())
        {
            Assert.True(await responses.MoveNextAsync());
            await fixture.Service.WatchStart(id).Task.WaitAsync(SafetyNet);
            call.Dispose();

            RpcException ex = await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
            Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        }

        Assert.True(await fixture.Service.Watch(id).Task.WaitAsync(SafetyNet));
    }

    [Fact]
    public async Task DuplexStreamingCall_EnumerationTokenCancelled_CallCancelled()
    {
        using DuplexStreamingCall<EchoRequest, EchoReply> call = fixture.Channel.DuplexStreamingCall(Echo.Chat);
        using var cts = new CancellationTokenSource();
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "one" });
        await using IAsyncEnumerator<EchoReply> responses = call.ResponseStream.GetAsyncEnumerator(cts.Token);
        Assert.True(await responses.MoveNextAsync());

        ValueTask<bool> next = responses.MoveNextAsync();
        await cts.CancelAsync();

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () => await next);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        RpcException writeEx = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "two" }));
        Assert.Equal(StatusCode.Cancelled, writeEx.StatusCode);
    }
}
