using System.Threading.Channels;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Resilience;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;
using Polly;

namespace FedUnlearn.Rpc.Tests.Resilience;

/// <summary>Retries of idempotent calls, backoff timing on a manual clock, attempt timeouts.</summary>
public sealed class RpcResilienceTests : IAsyncLifetime
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);
    private readonly Channel<int> _attemptStarted = System.Threading.Channels.Channel.CreateUnbounded<int>();
    private int _attempts;
    private int _failFirst;
    private bool _hangFirst;
    private GrpcServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        ServiceDefinition flaky = ServiceDefinition.CreateBuilder(Echo.ServiceName)
            .AddUnary(Echo.Unary, async (request, context) =>
            {
                int attempt = Interlocked.Increment(ref _attempts);
                _attemptStarted.Writer.TryWrite(attempt);
                if (_hangFirst && attempt == 1)
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }

                return attempt <= _failFirst
                    ? throw new RpcException(StatusCode.Unavailable, "warming up")
                    : new EchoReply { Text = request.Text, Index = attempt };
            })
            .AddClientStreaming(Echo.Collect, async (requests, context) =>
            {
                int attempt = Interlocked.Increment(ref _attempts);
                var text = new System.Text.StringBuilder();
                await foreach (EchoRequest request in requests)
                {
                    text.Append(request.Text);
                }

                return attempt <= _failFirst
                    ? throw new RpcException(StatusCode.Unavailable, "try again")
                    : new EchoReply { Text = text.ToString(), Index = attempt };
            })
            .Build();
        _server = new GrpcServer();
        _server.AddService(flaky);
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteUnary_IdempotentUnavailableTwice_SucceedsOnThirdAttempt()
    {
        _failFirst = 2;
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions { BaseDelay = TimeSpan.Zero });

        EchoReply reply = await pipeline.ExecuteUnaryAsync(_channel, Echo.Unary, new EchoRequest { Text = "hi" });

        Assert.Equal(3, reply.Index);
        Assert.Equal(3, _attempts);
    }

    [Fact]
    public async Task ExecuteUnary_NotIdempotent_NotRetried()
    {
        _failFirst = 1;
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions { BaseDelay = TimeSpan.Zero });

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() =>
            pipeline.ExecuteUnaryAsync(_channel, Echo.Unary, new EchoRequest(), idempotent: false));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task ExecuteUnary_RetriesExhausted_LastStatusSurfaces()
    {
        _failFirst = 10;
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions { BaseDelay = TimeSpan.Zero, MaxRetryAttempts = 2 });

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => pipeline.ExecuteUnaryAsync(_channel, Echo.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(3, _attempts);
    }

    [Fact]
    public async Task ExecuteUnary_AttemptTimesOutOnManualClock_RetriedAndSucceeds()
    {
        _hangFirst = true;
        var clock = new ManualTimeProvider();
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(
            new RpcRetryOptions { BaseDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(5) }, clock);

        Task<EchoReply> call = pipeline.ExecuteUnaryAsync(_channel, Echo.Unary, new EchoRequest { Text = "slow" });
        Assert.Equal(1, await _attemptStarted.Reader.ReadAsync().AsTask().WaitAsync(SafetyNet));
        clock.Advance(TimeSpan.FromSeconds(5));

        EchoReply reply = await call.WaitAsync(SafetyNet);
        Assert.Equal(2, reply.Index);
    }

    [Fact]
    public async Task ExecuteUnary_EveryAttemptTimesOut_DeadlineExceeded()
    {
        var clock = new ManualTimeProvider();
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(
            new RpcRetryOptions { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(5) }, clock);
        _hangFirst = true;

        Task<EchoReply> call = pipeline.ExecuteUnaryAsync(_channel, Echo.Unary, new EchoRequest());
        await _attemptStarted.Reader.ReadAsync().AsTask().WaitAsync(SafetyNet);
        clock.Advance(TimeSpan.FromSeconds(5));

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(SafetyNet));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task ExecuteClientStreaming_Idempotent_RequestsReplayedOnRetry()
    {
        _failFirst = 1;
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions { BaseDelay = TimeSpan.Zero });

        EchoReply reply = await pipeline.ExecuteClientStreamingAsync(_channel, Echo.Collect, async (writer, token) =>
        {
            await writer.WriteAsync(new EchoRequest { Text = "a" }, token);
            await writer.WriteAsync(new EchoRequest { Text = "b", Payload = ByteString.CopyFrom(1) }, token);
        }, idempotent: true);

        Assert.Equal("ab", reply.Text);
        Assert.Equal(2, reply.Index);
    }

    [Fact]
    public async Task Pipeline_ExponentialBackoffWithoutJitter_WaitsExactDelaysOnManualClock()
    {
        var clock = new ManualTimeProvider();
        var delays = new List<TimeSpan>();
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions
        {
            BaseDelay = TimeSpan.FromSeconds(1),
            UseJitter = false,
            AttemptTimeout = null,
            OnRetry = args =>
            {
                delays.Add(args.Delay);
                return ValueTask.CompletedTask;
            },
        }, clock);
        int attempts = 0;
        var attempted = System.Threading.Channels.Channel.CreateUnbounded<int>();
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(RpcResilience.IdempotentKey, true);

        ValueTask<int> run = pipeline.ExecuteAsync<int>(_ =>
        {
            attempted.Writer.TryWrite(++attempts);
            return attempts <= 3 ? throw new RpcException(StatusCode.Unavailable, "down") : ValueTask.FromResult(attempts);
        }, context);
        Assert.Equal(1, await attempted.Reader.ReadAsync().AsTask().WaitAsync(SafetyNet));
        foreach (TimeSpan expected in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) })
        {
            await WaitForTimerAsync(clock);
            int before = attempts;
            clock.Advance(expected - TimeSpan.FromTicks(1));
            Assert.Equal(1, clock.PendingTimers); // one tick early: still waiting
            Assert.Equal(before, attempts);
            clock.Advance(TimeSpan.FromTicks(1));
            Assert.Equal(before + 1, await attempted.Reader.ReadAsync().AsTask().WaitAsync(SafetyNet));
        }

        Assert.Equal(4, await run);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);
        ResilienceContextPool.Shared.Return(context);
    }

    private static async Task WaitForTimerAsync(ManualTimeProvider clock)
    {
        // The retry delay is scheduled right after the failed attempt returns; yield until it is.
        for (int i = 0; clock.PendingTimers == 0; i++)
        {
            Assert.True(i < 100_000, "the retry delay was never scheduled");
            await Task.Yield();
        }
    }

    [Theory]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task Pipeline_NonRetryableStatus_OneAttempt(StatusCode code)
    {
        ResiliencePipeline pipeline = RpcResilience.CreatePipeline(new RpcRetryOptions { BaseDelay = TimeSpan.Zero });
        int attempts = 0;
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(RpcResilience.IdempotentKey, true);

        await Assert.ThrowsAsync<RpcException>(async () =>
            await pipeline.ExecuteAsync<int>(_ => throw new RpcException(code, "no " + ++attempts), context));

        Assert.Equal(1, attempts);
        ResilienceContextPool.Shared.Return(context);
    }

    [Fact]
    public void Options_Invalid_ThrowNamingTheSetting()
    {
        Assert.Contains("MaxRetryAttempts", Assert.Throws<ArgumentOutOfRangeException>(() => new RpcRetryOptions { MaxRetryAttempts = -1 }.Validate()).Message);
        Assert.Contains("MaxDelay", Assert.Throws<ArgumentOutOfRangeException>(() => new RpcRetryOptions { BaseDelay = TimeSpan.FromSeconds(20) }.Validate()).Message);
        Assert.Contains("AttemptTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new RpcRetryOptions { AttemptTimeout = TimeSpan.Zero }.Validate()).Message);
        var withOk = new RpcRetryOptions();
        withOk.RetryableStatusCodes.Add(StatusCode.OK);
        Assert.Throws<ArgumentException>(withOk.Validate);
    }
}
