using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FedUnlearn.Rpc.Resilience;

/// <summary>Builds Polly pipelines that retry idempotent gRPC calls.</summary>
public static class RpcResilience
{
    /// <summary>
    /// Marks a <see cref="ResilienceContext"/> as carrying an idempotent call; only those are
    /// retried. <see cref="ResilientCallExtensions"/> sets it from <see cref="Method{TRequest, TResponse}.Idempotent"/>.
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> IdempotentKey = new("fedunlearn.rpc.idempotent");

    /// <summary>A pipeline of retry (outer) around a per-attempt timeout (inner).</summary>
    /// <param name="options">Retry settings; validated here.</param>
    /// <param name="timeProvider">Clock for delays and timeouts (fake it in tests).</param>
    public static ResiliencePipeline CreatePipeline(RpcRetryOptions options, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        return builder.AddRpcRetry(options).Build();
    }

    /// <summary>Adds gRPC retry and per-attempt timeout strategies to <paramref name="builder"/>.</summary>
    public static ResiliencePipelineBuilder AddRpcRetry(this ResiliencePipelineBuilder builder, RpcRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var retryable = new HashSet<StatusCode>(options.RetryableStatusCodes);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(IdempotentKey, false)
                    && args.Outcome.Exception switch
                    {
                        RpcException rpc => retryable.Contains(rpc.StatusCode),
                        TimeoutRejectedException => options.RetryAttemptTimeouts,
                        _ => false,
                    }),
                OnRetry = args => options.OnRetry is { } onRetry
                    ? onRetry(new RpcRetryArguments(args.AttemptNumber, args.RetryDelay, StatusOf(args.Outcome.Exception)))
                    : ValueTask.CompletedTask,
            });
        }

        if (options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder;
    }

    private static StatusCode StatusOf(Exception? exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        TimeoutRejectedException => StatusCode.DeadlineExceeded,
        _ => StatusCode.Unknown,
    };
}
