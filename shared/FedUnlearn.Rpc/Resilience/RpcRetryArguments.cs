namespace FedUnlearn.Rpc.Resilience;

/// <summary>What <see cref="RpcRetryOptions.OnRetry"/> is told about a retry.</summary>
/// <param name="AttemptNumber">The attempt that failed, from 0.</param>
/// <param name="Delay">How long the pipeline waits before the next attempt.</param>
/// <param name="StatusCode">The failed attempt's status; DEADLINE_EXCEEDED for an attempt timeout.</param>
public readonly record struct RpcRetryArguments(int AttemptNumber, TimeSpan Delay, StatusCode StatusCode);
