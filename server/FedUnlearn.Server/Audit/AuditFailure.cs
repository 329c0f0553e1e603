namespace FedUnlearn.Server.Audit;

/// <summary>The first bad record of an audit log.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Sequence">
/// The sequence the record claims; for a line that cannot be read, the sequence expected there.
/// </param>
/// <param name="LineNumber">1-based line of the file.</param>
/// <param name="Reason">A precise, human-readable explanation.</param>
public sealed record AuditFailure(AuditFailureKind Kind, long Sequence, long LineNumber, string Reason);
