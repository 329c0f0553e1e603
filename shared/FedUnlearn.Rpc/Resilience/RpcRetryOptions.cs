namespace FedUnlearn.Rpc.Resilience;

/// <summary>
/// How idempotent calls are retried: which statuses, how often, how long to back off, and how
/// long one attempt may take. Checked by <see cref="Validate"/>.
/// </summary>
public sealed class RpcRetryOptions
{
    /// <summary>Retries after the first attempt (default 3; 0 disables retrying).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles for each further one (default 200 ms).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of any single delay (default 10 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Randomise delays (decorrelated jitter) so that many clients do not retry in lockstep (default true).</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Time limit of one attempt (default 30 s); null for none. The call's own deadline still bounds the whole.</summary>
    public TimeSpan? AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether an attempt that hit <see cref="AttemptTimeout"/> is retried (default true).</summary>
    public bool RetryAttemptTimeouts { get; set; } = true;

    /// <summary>
    /// Statuses worth retrying (default UNAVAILABLE only: the spec's "nothing was processed").
    /// RESOURCE_EXHAUSTED is deliberately not retried: the same message would be refused again.
    /// </summary>
    public ISet<StatusCode> RetryableStatusCodes { get; } = new HashSet<StatusCode> { StatusCode.Unavailable };

    /// <summary>Called before each retry (for logging or metrics).</summary>
    public Func<RpcRetryArguments, ValueTask>? OnRetry { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetryAttempts, 100, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BaseDelay, TimeSpan.FromDays(1), nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        if (AttemptTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromMilliseconds(1), nameof(AttemptTimeout));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, TimeSpan.FromDays(1), nameof(AttemptTimeout));
        }

        if (RetryableStatusCodes.Contains(StatusCode.OK))
        {
            throw new ArgumentException("OK is not an error and cannot be retried.", nameof(RetryableStatusCodes));
        }
    }
}
