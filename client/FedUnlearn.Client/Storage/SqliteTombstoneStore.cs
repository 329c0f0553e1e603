using FedUnlearn.Client.Storage.Internal;
using FedUnlearn.Learning.Data.Batching;

namespace FedUnlearn.Client.Storage;

/// <summary>
/// Durable tombstones in the client store. Writes commit to SQLite (synchronous=FULL) before
/// <see cref="AddAsync"/> returns; reads go to an in-memory mirror loaded at open, so
/// <see cref="Contains"/> on the training path is a lock-free hash lookup. Thread-safe.
/// Obtain it from <see cref="ClientStore.Tombstones"/>.
/// </summary>
public sealed class SqliteTombstoneStore : ITombstoneStore
{
    private readonly SqliteDatabase _database;
    private readonly TombstoneSet _mirror;

    internal SqliteTombstoneStore(SqliteDatabase database, IEnumerable<long> committedIds)
    {
        _database = database;
        _mirror = new TombstoneSet(committedIds);
    }

    /// <inheritdoc />
    public int Count => _mirror.Count;

    /// <inheritdoc />
    public bool Contains(long sampleId) => _mirror.Contains(sampleId);

    /// <inheritdoc />
    public long[] Snapshot() => _mirror.Snapshot();

    /// <summary>
    /// Tombstones <paramref name="sampleIds"/> in one transaction, not tied to a forget request, and
    /// returns how many were new. On return the ids are on disk and visible to <see cref="Contains"/>;
    /// on failure or cancellation none of them is.
    /// </summary>
    public async ValueTask<int> AddAsync(IEnumerable<long> sampleIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampleIds);
        var added = await _database.RunAsync(
            tx => TombstoneRows.InsertNew(tx, sampleIds, requestId: null, StoreClock.Now(_database.Time), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        Publish(added);
        return added.Count;
    }

    /// <summary>The durable record of <paramref name="sampleId"/>'s tombstone, or null when it has none.</summary>
    public ValueTask<TombstoneRecord?> GetRecordAsync(long sampleId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(connection => TombstoneRows.Find(connection, sampleId), cancellationToken);

    /// <summary>Makes committed ids visible to readers; called only after the transaction commits.</summary>
    internal void Publish(List<long> committedIds) => _mirror.AddRange(committedIds);
}
