using FedUnlearn.Client.Events;
using FedUnlearn.Client.Tests.Support;
using Polly.CircuitBreaker;

namespace FedUnlearn.Client.Tests;

/// <summary>Reconnect timing on a fake clock: the client waits exactly as long as its backoff says, and no longer.</summary>
public sealed class FederationClientBackoffTests
{
    [Fact]
    public async Task RunAsync_ServerDown_BacksOffExponentiallyUpToTheCap()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var time = new FakeTimeProvider();
        var options = DeadServer(h, time);
        options.Resilience.ReconnectBaseDelay = TimeSpan.FromSeconds(5);
        options.Resilience.ReconnectMaxDelay = TimeSpan.FromSeconds(15);
        await h.StartClientAsync(options);

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var disconnected = await h.Disconnects.NextAsync();
            Assert.Equal(attempt, disconnected.Attempt);
            delays.Add(disconnected.RetryDelay);
            await AdvancePastAsync(time, disconnected.RetryDelay, h);
        }

        Assert.Equal([5, 10, 15, 15], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task RunAsync_StreamDropped_DoesNotReconnectBeforeTheDelayPasses()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var time = new FakeTimeProvider();
        var options = h.Options(time: time);
        options.Resilience.ReconnectBaseDelay = TimeSpan.FromSeconds(8);
        options.Resilience.ReconnectMaxDelay = TimeSpan.FromSeconds(8);
        options.Resilience.ReconnectJitter = false;
        await h.StartClientAsync(options);
        await h.Server.Subscriptions.NextAsync();

        var scheduled = WaitForTimer(time, TimeSpan.FromSeconds(8));
        h.Server.EndStream("alice");
        await scheduled;
        time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.False(h.Server.Subscriptions.Reader.TryRead(out _));
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal("alice", await h.Server.Subscriptions.NextAsync());
    }

    [Fact]
    public async Task RunAsync_SilentStream_ReconnectsAfterTwiceTheHeartbeatInterval()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Server.Config.HeartbeatInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(10));
        var time = new FakeTimeProvider();
        var watchdog = WaitForTimer(time, TimeSpan.FromSeconds(20));
        await h.StartClientAsync(h.Options(time: time));
        await h.Server.Subscriptions.NextAsync();
        await watchdog;

        time.Advance(TimeSpan.FromSeconds(20));
        var disconnected = await h.Disconnects.NextAsync();

        Assert.Contains("no message on the task stream", disconnected.Reason);
        Assert.Equal("alice", await h.Server.Subscriptions.NextAsync());
    }

    [Fact]
    public async Task RunAsync_CircuitOpen_WaitsUntilTheBreakEnds()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var time = new FakeTimeProvider();
        var options = DeadServer(h, time);
        options.Resilience.ReconnectBaseDelay = TimeSpan.FromSeconds(1);
        options.Resilience.ReconnectMaxDelay = TimeSpan.FromMinutes(5);
        options.Resilience.CircuitBreakerEnabled = true;
        options.Resilience.CircuitBreakerMinimumThroughput = 2;
        options.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        await h.StartClientAsync(options);

        var first = await h.Disconnects.NextAsync();
        await AdvancePastAsync(time, first.RetryDelay, h);
        var second = await h.Disconnects.NextAsync();
        await AdvancePastAsync(time, second.RetryDelay, h);
        var third = await h.Disconnects.NextAsync();

        Assert.IsType<FedUnlearn.Rpc.RpcException>(first.Error);
        Assert.IsType<FedUnlearn.Rpc.RpcException>(second.Error);
        Assert.IsType<BrokenCircuitException>(third.Error);
        // Opened 2 s into the run for 30 s; the third attempt came at 2 s, so it waits out the remaining 28 s, not its 4 s backoff.
        Assert.Equal(TimeSpan.FromSeconds(28), third.RetryDelay);
    }

    private static FederationClientOptions DeadServer(ClientHarness h, FakeTimeProvider time)
    {
        var options = h.Options(address: new Uri("http://127.0.0.1:1"), time: time);
        options.Resilience.Calls.MaxRetryAttempts = 0;
        options.Resilience.ReconnectJitter = false;
        return options;
    }

    private static async Task AdvancePastAsync(FakeTimeProvider time, TimeSpan delay, ClientHarness h)
    {
        // The event is raised just before the retry arms its timer: wait for the timer, then move the clock.
        await WaitForTimer(time, delay, alreadyArmed: true);
        time.Advance(delay);
    }

    private static Task WaitForTimer(FakeTimeProvider time, TimeSpan due, bool alreadyArmed = false)
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        time.TimerScheduled += d => { if (d == due) armed.TrySetResult(); };
        if (alreadyArmed && time.HasTimerDueIn(due)) armed.TrySetResult();
        return armed.Task.WaitAsync(ClientHarness.Patience);
    }
}
