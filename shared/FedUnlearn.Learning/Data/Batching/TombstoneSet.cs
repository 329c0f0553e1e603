using System.Collections.Concurrent;

namespace FedUnlearn.Learning.Data.Batching;

/// <summary>An in-memory, thread-safe <see cref="ITombstoneStore"/> with lock-free reads.</summary>
public sealed class TombstoneSet : ITombstoneStore
{
    private readonly ConcurrentDictionary<long, byte> _ids = new();
    private int _count;

    /// <summary>Creates an empty set, or one holding <paramref name="sampleIds"/>.</summary>
    public TombstoneSet(IEnumerable<long>? sampleIds = null)
    {
        if (sampleIds is not null) AddRange(sampleIds);
    }

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool Contains(long sampleId) => _ids.ContainsKey(sampleId);

    /// <summary>Tombstones one id; false when it already was.</summary>
    public bool Add(long sampleId)
    {
        if (!_ids.TryAdd(sampleId, 0)) return false;
        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Tombstones several ids; returns how many were new.</summary>
    public int AddRange(IEnumerable<long> sampleIds)
    {
        ArgumentNullException.ThrowIfNull(sampleIds);
        var added = 0;
        foreach (var id in sampleIds)
        {
            if (Add(id)) added++;
        }
        return added;
    }

    /// <inheritdoc />
    public ValueTask<int> AddAsync(IEnumerable<long> sampleIds, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AddRange(sampleIds));
    }

    /// <inheritdoc />
    public long[] Snapshot()
    {
        var ids = _ids.Keys.ToArray();
        Array.Sort(ids);
        return ids;
    }
}
