using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// Global adapters ready to stream: every client of a round fetches the same version (or, sharded,
/// one of K shard versions), so it is loaded, verified and chunked once. Keeps the <c>kept</c> newest versions.
/// </summary>
internal sealed class AdapterCache(IRoundStore store, int chunkSize, int kept = 3)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Task<CachedAdapter>> _entries = [];

    /// <summary>Version <paramref name="version"/> chunked for download; null when the store has no such version.</summary>
    public async Task<CachedAdapter?> GetAsync(long version, CancellationToken cancellationToken)
    {
        Task<CachedAdapter> entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(version, out entry!))
            {
                entry = LoadAsync(version);
                Remember(version, entry);
            }
        }

        try
        {
            return await entry.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            lock (_gate) _entries.Remove(version);
            return null;
        }
    }

    /// <summary>Primes the cache with a version the caller already holds in memory.</summary>
    public void Put(GlobalVersionRecord record, ParameterSet parameters)
    {
        var entry = Task.FromResult(Chunk(record, parameters));
        lock (_gate) Remember(record.Version, entry);
    }

    private async Task<CachedAdapter> LoadAsync(long version)
    {
        GlobalVersionRecord record = await store.GetGlobalVersionAsync(version).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No global version {version}.");
        ParameterSet parameters = await store.LoadGlobalAsync(version).ConfigureAwait(false);
        return Chunk(record, parameters);
    }

    private CachedAdapter Chunk(GlobalVersionRecord record, ParameterSet parameters) =>
        new(record.Version, record.ContentHash, AdapterChunker.Split(parameters, chunkSize));

    private void Remember(long version, Task<CachedAdapter> entry)
    {
        _entries[version] = entry;
        foreach (long old in _entries.Keys.OrderDescending().Skip(kept).ToArray())
            _entries.Remove(old);
    }
}
