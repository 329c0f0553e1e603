using FedUnlearn.Rpc.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// The Polly pipelines of one client: short calls and adapter transfers are each
/// retry (outer) → circuit breaker (shared) → attempt timeout (inner). The breaker is one instance
/// for both, so a server that keeps failing is left alone whatever the client was trying to do.
/// </summary>
internal sealed class ClientPipelines
{
    public ClientPipelines(ClientResilienceOptions options, TimeProvider timeProvider)
    {
        ResiliencePipeline? breaker = options.CircuitBreakerEnabled ? CreateBreaker(options, timeProvider) : null;
        Calls = Create(options.Calls, options.Calls.AttemptTimeout, breaker, timeProvider);
        Transfers = Create(options.Calls, options.TransferAttemptTimeout, breaker, timeProvider);
    }

    /// <summary>Join, RequestForget, GetForgetStatus.</summary>
    public ResiliencePipeline Calls { get; }

    /// <summary>FetchAdapter and SubmitUpdate, whose attempts may legitimately take minutes.</summary>
    public ResiliencePipeline Transfers { get; }

    private static ResiliencePipeline Create(RpcRetryOptions retry, TimeSpan? attemptTimeout, ResiliencePipeline? breaker, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        builder.AddRpcRetry(WithoutTimeout(retry));
        if (breaker is not null) builder.AddPipeline(breaker);
        if (attemptTimeout is { } timeout) builder.AddTimeout(timeout);
        return builder.Build();
    }

    private static ResiliencePipeline CreateBreaker(ClientResilienceOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(RpcFailures.CountsAgainstServer(args.Outcome.Exception)),
            })
            .Build();

    // The attempt timeout is added inside the breaker instead, so that timeouts count as failures.
    private static RpcRetryOptions WithoutTimeout(RpcRetryOptions source)
    {
        var copy = new RpcRetryOptions
        {
            MaxRetryAttempts = source.MaxRetryAttempts,
            BaseDelay = source.BaseDelay,
            MaxDelay = source.MaxDelay,
            UseJitter = source.UseJitter,
            AttemptTimeout = null,
            RetryAttemptTimeouts = source.RetryAttemptTimeouts,
            OnRetry = source.OnRetry,
        };
        copy.RetryableStatusCodes.Clear();
        foreach (var code in source.RetryableStatusCodes) copy.RetryableStatusCodes.Add(code);
        return copy;
    }
}
