namespace FedUnlearn.Client.Storage;

/// <summary>The client's durable record of one forget request it issued. Sample ids are kept apart (see <see cref="LocalForgetRequests.GetSampleIdsAsync"/>).</summary>
/// <param name="RequestId">Client-chosen idempotency key, sent to the server.</param>
/// <param name="Scope">What the request covers.</param>
/// <param name="SampleCount">Distinct local samples attached to the request; the only thing about them that is sent.</param>
/// <param name="Method">Preferred unlearning method; empty for the server's default.</param>
/// <param name="Reason">Free text for the audit trail.</param>
/// <param name="State">Where the request stands.</param>
/// <param name="TicketId">The server's ticket, once acknowledged; null while <see cref="LocalForgetState.Pending"/>.</param>
/// <param name="FailureReason">Why it failed; null unless <see cref="LocalForgetState.Failed"/>.</param>
/// <param name="CreatedAt">When it was recorded locally.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="AcknowledgedAt">When the server's acknowledgement was recorded; null before.</param>
public sealed record LocalForgetRequest(
    string RequestId,
    LocalForgetScope Scope,
    int SampleCount,
    string Method,
    string Reason,
    LocalForgetState State,
    string? TicketId,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt)
{
    /// <summary>True once the server has acknowledged the request with a ticket.</summary>
    public bool IsAcknowledged => TicketId is not null;

    /// <summary>True when the request is <see cref="LocalForgetState.Completed"/> or <see cref="LocalForgetState.Failed"/>.</summary>
    public bool IsFinal => State is LocalForgetState.Completed or LocalForgetState.Failed;
}
