using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>Deadlines on both sides, driven by manual clocks where possible.</summary>
public sealed class DeadlineTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ServerDeadline_Expires_HandlerCancelledAndDeadlineExceededSent()
    {
        var clock = new ManualTimeProvider();
        var service = new EchoService();
        await using var server = new GrpcServer(new GrpcServerOptions { TimeProvider = clock });
        server.AddService(service.Definition);
        await server.StartAsync();
        string id = Guid.NewGuid().ToString("N");

        // No client-side deadline: only the server's clock can end this call.
        Task<RawGrpc.Response> pending = RawGrpc.SendAsync(server.Address, "/fedunlearn.testing.Echo/Unary",
            RawGrpc.Frame(new EchoRequest { Text = "wait:" + id }), headers: [new("grpc-timeout", "5S")]);
        await service.WatchStart(id).Task.WaitAsync(SafetyNet);
        clock.Advance(TimeSpan.FromSeconds(5));
        RawGrpc.Response response = await pending.WaitAsync(SafetyNet);

        Assert.True(await service.Watch(id).Task.WaitAsync(SafetyNet));
        Assert.Equal("4", response.GrpcStatus);
    }

    [Fact]
    public async Task ClientDeadline_Expires_ClientDeadlineExceededAndServerHandlerCancelled()
    {
        var clock = new ManualTimeProvider();
        using GrpcChannel channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { TimeProvider = clock });
        string id = Guid.NewGuid().ToString("N");

        Task<EchoReply> call = channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "wait:" + id }, new CallOptions { Timeout = TimeSpan.FromMinutes(1) });
        await fixture.Service.WatchStart(id).Task.WaitAsync(SafetyNet);
        clock.Advance(TimeSpan.FromMinutes(1));

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(SafetyNet));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(await fixture.Service.Watch(id).Task.WaitAsync(SafetyNet));
    }

    [Fact]
    public async Task ClientDeadline_ServerStreamExpiresAfterFirstMessage_MessageThenDeadlineExceeded()
    {
        var clock = new ManualTimeProvider();
        using GrpcChannel channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { TimeProvider = clock });
        string id = Guid.NewGuid().ToString("N");
        using ServerStreamingCall<EchoReply> call = channel.ServerStreamingCall(Echo.Expand,
            new EchoRequest { Text = "wait:" + id, TotalBytes = 8 }, new CallOptions { Deadline = clock.GetUtcNow().AddSeconds(30) });
        await using IAsyncEnumerator<EchoReply> responses = call.ResponseStream.GetAsyncEnumerator();

        Assert.True(await responses.MoveNextAsync());
        await fixture.Service.WatchStart(id).Task.WaitAsync(SafetyNet);
        clock.Advance(TimeSpan.FromSeconds(30));

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(await fixture.Service.Watch(id).Task.WaitAsync(SafetyNet));
    }

    [Fact]
    public async Task ClientDeadline_RealShortTimeout_DeadlineExceeded()
    {
        // One real deadline, end to end through the system clock on both sides.
        string id = Guid.NewGuid().ToString("N");

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "wait:" + id }, new CallOptions { Timeout = TimeSpan.FromMilliseconds(50) }).WaitAsync(SafetyNet));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);

        // On a loaded machine 50 ms can pass before the server dispatches the call (seen with both
        // HTTP transports at load 27): it is then reset before it starts and never runs. A handler
        // that did start must see the cancellation.
        Task<bool> started = fixture.Service.WatchStart(id).Task;
        if (await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(2))) == started)
        {
            Assert.True(await fixture.Service.Watch(id).Task.WaitAsync(SafetyNet));
        }
    }

    [Fact]
    public async Task ClientDeadline_AlreadyPassed_FailsWithoutCallingServer()
    {
        string id = Guid.NewGuid().ToString("N");

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "wait:" + id }, new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(-1) }));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.False(fixture.Service.Started.ContainsKey(id));
    }

    [Fact]
    public async Task Deadline_Set_ServerSeesDeadline()
    {
        EchoReply with = await fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "meta" }, new CallOptions { Timeout = TimeSpan.FromMinutes(5) });
        EchoReply without = await fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "meta" });

        Assert.Equal("deadline", with.Text);
        Assert.Equal("no-deadline", without.Text);
    }
}
