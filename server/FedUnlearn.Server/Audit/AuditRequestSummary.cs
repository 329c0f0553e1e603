namespace FedUnlearn.Server.Audit;

/// <summary>
/// What a forget request covered, as far as an auditor may know it: the scope kind and counts,
/// never sample ids (those stay on the client).
/// </summary>
/// <param name="Scope">Scope kind.</param>
public sealed record AuditRequestSummary(AuditScopeKind Scope)
{
    /// <summary>Number of samples to forget (sample scope).</summary>
    public long? SampleCount { get; init; }

    /// <summary>Label forgotten across the federation (class scope).</summary>
    public int? ClassLabel { get; init; }

    /// <summary>Participant that leaves (client scope).</summary>
    public string? ClientId { get; init; }

    /// <summary>Client that asked; <see langword="null"/> for an admin request.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Requester's free text, e.g. "GDPR art. 17 request #123".</summary>
    public string? Reason { get; init; }
}
