using FedUnlearn.Rpc.Resilience;

namespace FedUnlearn.Client;

/// <summary>
/// How the client rides out a flaky network or a restarting server: each call is retried on
/// UNAVAILABLE and attempt timeouts (<see cref="Calls"/>), a circuit breaker stops hammering a server
/// that keeps failing, and the task stream reconnects with capped exponential backoff and jitter.
/// </summary>
public sealed class ClientResilienceOptions
{
    /// <summary>Retry and per-attempt timeout of the short calls (Join, RequestForget, GetForgetStatus).</summary>
    public RpcRetryOptions Calls { get; } = new();

    /// <summary>Time limit of one adapter download or upload attempt (default 5 minutes: adapters can be large and links slow).</summary>
    public TimeSpan TransferAttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the first reconnect after the task stream drops (default 1 s); doubles with every failure in a row.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnect attempts (default 1 minute).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Randomise reconnect delays (equal jitter: half fixed, half random) so clients do not reconnect in lockstep (default true).</summary>
    public bool ReconnectJitter { get; set; } = true;

    /// <summary>Failed connection attempts in a row before <see cref="FederationClient.RunAsync"/> gives up; null retries forever (default).</summary>
    public int? MaxReconnectAttempts { get; set; }

    /// <summary>Open the circuit (fail calls fast) when this share of recent calls failed transiently (default 0.5; set <see cref="CircuitBreakerEnabled"/> false to disable).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="CircuitBreakerSamplingDuration"/> before the breaker may open (default 4).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Window over which the failure ratio is measured (default 30 s).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call (default 15 s).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether calls go through the circuit breaker (default true).</summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>
    /// How long the task stream may stay silent before the client assumes it is dead and reconnects,
    /// when the server announced no heartbeat interval (otherwise twice that interval is used). Default 2 minutes.
    /// </summary>
    public TimeSpan DefaultIdleStreamTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
