namespace FedUnlearn.Server.Storage;

/// <summary>
/// A forget request as stored: what was asked (counts or a label, never sample ids), how far its
/// campaign got (enough to resume it deterministically after a restart) and how it ended.
/// Changed with <c>with</c> and saved whole by <see cref="IForgetStore.UpdateForgetRequestAsync"/>.
/// </summary>
public sealed record ForgetRequestRecord
{
    /// <summary>The ticket, e.g. <c>fgt-000042</c>.</summary>
    public required string TicketId { get; init; }

    /// <summary>Acceptance order (campaigns run in this order).</summary>
    public long Sequence { get; init; }

    /// <summary>SHA-256 (hex) of the requester and its request id: the idempotency key, without keeping the caller's key itself.</summary>
    public required string KeyHash { get; init; }

    /// <summary>Client id (name) that asked; null for an operator.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The scope kind.</summary>
    public required ForgetScopeKind Scope { get; init; }

    /// <summary>Samples to forget (sample scope).</summary>
    public long? SampleCount { get; init; }

    /// <summary>Label to forget (class scope).</summary>
    public int? ClassLabel { get; init; }

    /// <summary>The leaving client's id (client scope).</summary>
    public string? TargetClient { get; init; }

    /// <summary>Unlearning method of the campaign.</summary>
    public required string Method { get; init; }

    /// <summary>The requester's free text, kept for the audit trail.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Lifecycle state.</summary>
    public ForgetRequestState State { get; init; }

    /// <summary>Campaign (or repair) rounds planned and committed.</summary>
    public int RoundsPlanned { get; init; }

    /// <summary>Campaign rounds committed so far.</summary>
    public int RoundsCompleted { get; init; }

    /// <summary>Consecutive rounds abandoned without progress (bounded by the forget options).</summary>
    public int Attempts { get; init; }

    /// <summary>Global version and content hash when the campaign started.</summary>
    public long? VersionBefore { get; init; }

    /// <summary>Content hash of <see cref="VersionBefore"/>.</summary>
    public string? HashBefore { get; init; }

    /// <summary>Global version and content hash after the campaign.</summary>
    public long? VersionAfter { get; init; }

    /// <summary>Content hash of <see cref="VersionAfter"/>.</summary>
    public string? HashAfter { get; init; }

    /// <summary>The version a server-side step committed (adapter reset, client removal); null until it ran.</summary>
    public long? StepVersion { get; init; }

    /// <summary>Pre-campaign evaluation (serialised aggregate report), when the policy needs one.</summary>
    public byte[]? Baseline { get; init; }

    /// <summary>Aggregated verification report (serialised), once measured.</summary>
    public byte[]? Verification { get; init; }

    /// <summary>Named figures: verification, baseline, removal bookkeeping.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Named notes for the audit record (removal mode, fallback reason...).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>The decided final state, saved before the final audit record is appended (then <see cref="State"/> follows).</summary>
    public ForgetRequestState? Outcome { get; init; }

    /// <summary>Why it failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Whether the acceptance audit record is written.</summary>
    public bool AcceptedAudited { get; init; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When its campaign started.</summary>
    public DateTimeOffset? RunningAt { get; init; }

    /// <summary>When verification started.</summary>
    public DateTimeOffset? VerifyingAt { get; init; }

    /// <summary>When it completed or failed.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True once completed or failed.</summary>
    public bool IsFinal => State is ForgetRequestState.Completed or ForgetRequestState.Failed;
}
