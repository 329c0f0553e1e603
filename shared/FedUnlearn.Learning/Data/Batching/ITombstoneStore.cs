namespace FedUnlearn.Learning.Data.Batching;

/// <summary>
/// The ids of forgotten samples: once tombstoned, a sample never enters training again. The
/// in-memory <see cref="TombstoneSet"/> serves simulations; the client SDK adds a durable store that
/// persists before <see cref="AddAsync"/> completes (an acknowledged forget request is never lost).
/// Implementations are thread-safe: trainers read while forget requests write.
/// </summary>
public interface ITombstoneStore
{
    /// <summary>Number of tombstoned ids.</summary>
    int Count { get; }

    /// <summary>True when <paramref name="sampleId"/> is tombstoned. Called per sample on the training path: keep it O(1) and non-blocking.</summary>
    bool Contains(long sampleId);

    /// <summary>The tombstoned ids at this moment, ascending.</summary>
    long[] Snapshot();

    /// <summary>
    /// Tombstones <paramref name="sampleIds"/> and returns how many were new. When the task completes
    /// every id is visible to <see cref="Contains"/> (and durable, for a persistent store).
    /// </summary>
    ValueTask<int> AddAsync(IEnumerable<long> sampleIds, CancellationToken cancellationToken = default);
}
