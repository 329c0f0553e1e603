namespace FedUnlearn.Client.Storage;

/// <summary>What <see cref="LocalForgetRequests.CreateAsync"/> needs to record a new forget request.</summary>
public sealed record ForgetRequestDraft
{
    /// <summary>The request's scope.</summary>
    public required LocalForgetScope Scope { get; init; }

    /// <summary>
    /// Local samples to tombstone with the request (duplicates are ignored). Required and non-empty
    /// for <see cref="ForgetScopeKind.Samples"/>; optional otherwise (e.g. this client's samples of the
    /// forgotten class). Enumerated once, inside the transaction.
    /// </summary>
    public IEnumerable<long> SampleIds { get; init; } = [];

    /// <summary>The idempotency key the server deduplicates by; null lets the store choose one (a UUIDv7).</summary>
    public string? RequestId { get; init; }

    /// <summary>Preferred unlearning method; empty means the server's default.</summary>
    public string Method { get; init; } = "";

    /// <summary>Free text for the audit trail, e.g. "GDPR art. 17 request #123".</summary>
    public string Reason { get; init; } = "";

    /// <summary>A draft forgetting this client's <paramref name="sampleIds"/>.</summary>
    public static ForgetRequestDraft ForSamples(IEnumerable<long> sampleIds, string reason = "") =>
        new() { Scope = LocalForgetScope.Samples, SampleIds = sampleIds, Reason = reason };
}
