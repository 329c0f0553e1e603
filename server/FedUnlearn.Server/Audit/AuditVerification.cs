namespace FedUnlearn.Server.Audit;

/// <summary>Outcome of <see cref="AuditVerifier.VerifyAsync(string, string, CancellationToken)"/>.</summary>
/// <param name="RecordCount">Records that verified, in order from the first (all of them when valid).</param>
/// <param name="HeadHash">
/// Hash of the last verified record (<see cref="AuditRecord.GenesisHash"/> when none). A chain cannot
/// show that records were cut off its end: compare the head with one noted earlier to detect that.
/// </param>
/// <param name="Failure">The first bad record, or <see langword="null"/> when the log is valid.</param>
public sealed record AuditVerification(long RecordCount, string HeadHash, AuditFailure? Failure)
{
    /// <summary>True when every record verified.</summary>
    public bool IsValid => Failure is null;

    /// <summary>One line for people, e.g. for <c>fedunlearn audit verify</c>.</summary>
    public override string ToString() => Failure is null
        ? $"OK: {RecordCount} records verified; head {HeadHash}"
        : $"FAILED at record {Failure.Sequence} (line {Failure.LineNumber}): {Failure.Kind}: {Failure.Reason}. " +
          $"{RecordCount} records before it verified.";
}
