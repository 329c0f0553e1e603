namespace FedUnlearn.Server.Audit;

/// <summary>
/// One entry of the append-only, hash-chained audit log. <see cref="Hash"/> is SHA-256 over the
/// record's canonical JSON without <c>hash</c> and <c>signature</c> (so it covers the sequence, the
/// previous hash and the key id); <see cref="Signature"/> is ECDSA P-256 over that hash. The exact
/// byte format is specified in <c>Audit/README.md</c> so that a third party can recompute it.
/// </summary>
/// <param name="Sequence">Position in the log, 1-based and without gaps.</param>
/// <param name="RecordedAt">When the server appended it (UTC, from its <see cref="TimeProvider"/>).</param>
/// <param name="Kind">What happened, e.g. <see cref="AuditKinds.ForgetCompleted"/>.</param>
/// <param name="TicketId">Forget request concerned, or <see langword="null"/> when none.</param>
/// <param name="Body">Content of the record.</param>
/// <param name="PreviousHash">Lower-case hex hash of the previous record; <see cref="GenesisHash"/> for the first.</param>
/// <param name="KeyId">Id of the signing key (<see cref="AuditSigningKey.KeyId"/>).</param>
/// <param name="Hash">Lower-case hex SHA-256 of the canonical form (64 characters).</param>
/// <param name="Signature">Lower-case hex ECDSA P-256 signature, IEEE P1363 r‖s (128 characters).</param>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset RecordedAt,
    string Kind,
    string? TicketId,
    AuditBody Body,
    string PreviousHash,
    string KeyId,
    string Hash,
    string Signature)
{
    /// <summary>The previous hash of record 1: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Version of the canonical record format written in each record's <c>version</c> member.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The record as stored: canonical JSON of every member, hash and signature included, one line
    /// of pure ASCII without the trailing newline. Self-contained: a verifier needs only this and
    /// the public key (e.g. for the RPC edge's <c>AuditRecord.body</c>).
    /// </summary>
    public string ToCanonicalJson()
    {
        var line = Internal.AuditRecordJson.Line(this);
        return System.Text.Encoding.ASCII.GetString(line, 0, line.Length - 1);
    }
}
