namespace FedUnlearn.Server.Audit;

/// <summary>Why an audit log failed verification, at its first bad record.</summary>
public enum AuditFailureKind
{
    /// <summary>The line is not JSON or not an audit record (missing or malformed member).</summary>
    UnparsableLine,

    /// <summary>The file ends without a newline: an interrupted append, never acknowledged.</summary>
    IncompleteLastLine,

    /// <summary>The record names a signing key other than the one given to the verifier.</summary>
    UnknownKeyId,

    /// <summary>The recomputed hash differs from the stored one: the content was altered.</summary>
    HashMismatch,

    /// <summary>The hash matches its content but the signature does not: forged or re-hashed without the key.</summary>
    SignatureInvalid,

    /// <summary>The previous hash is not the hash of the record before: a record was removed, inserted or reordered.</summary>
    ChainBroken,

    /// <summary>The chain links but the sequence number is not the next one.</summary>
    SequenceGap,
}
