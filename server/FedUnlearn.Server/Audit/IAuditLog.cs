namespace FedUnlearn.Server.Audit;

/// <summary>The append-only audit trail, as forget campaigns and the admin API see it.</summary>
public interface IAuditLog
{
    /// <summary>Sequence of the last record; 0 when the log is empty.</summary>
    long LastSequence { get; }

    /// <summary>Hash of the last record; <see cref="AuditRecord.GenesisHash"/> when the log is empty.</summary>
    string HeadHash { get; }

    /// <summary>
    /// Appends a record (next sequence, previous hash, hash, signature) and returns it once it is
    /// durable on disk. Concurrent calls are serialised, so the chain stays linear.
    /// </summary>
    /// <exception cref="ArgumentException">The kind, ticket id or body cannot be recorded.</exception>
    Task<AuditRecord> AppendAsync(string kind, string? ticketId, AuditBody body, CancellationToken cancellationToken = default);

    /// <summary>Every record, first to last, as of the call.</summary>
    IAsyncEnumerable<AuditRecord> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> records starting at sequence <paramref name="fromSequence"/> (1-based).</summary>
    Task<IReadOnlyList<AuditRecord>> ReadPageAsync(long fromSequence, int count, CancellationToken cancellationToken = default);
}
