namespace FedUnlearn.Rpc.Client;

/// <summary>Per-call settings: deadline, cancellation, metadata, credentials.</summary>
public readonly record struct CallOptions
{
    /// <summary>Custom request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Absolute deadline; the call fails with DEADLINE_EXCEEDED once it passes and the server is told via <c>grpc-timeout</c>.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Relative deadline, measured from the call's start (the earlier of this and <see cref="Deadline"/> wins).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the call (the server sees RST_STREAM CANCEL); the call fails with CANCELLED.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Bearer token for this call, overriding the channel's.</summary>
    public string? BearerToken { get; init; }
}
