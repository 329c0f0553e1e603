using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// The runner's view of a sharded federation (K ≥ 2): each client's shard, the shards' latest
/// adapters, and the seeds that make a shard's training a function of its own clients and its own
/// step count. Between rounds only, like the runner.
/// </summary>
internal sealed class ShardedRounds
{
    private readonly IFederationStore _store;
    private readonly int _seed;
    private readonly Dictionary<long, ParameterSet> _adapters = [];
    private readonly Dictionary<string, int> _assigned;

    private ShardedRounds(IFederationStore store, int shards, int seed, ParameterSet initial, Dictionary<string, int> assigned) =>
        (_store, Count, _seed, Initial, _assigned) = (store, shards, seed, initial, assigned);

    /// <summary>K.</summary>
    public int Count { get; }

    /// <summary>The common initial adapter of every shard (global version 0).</summary>
    public ParameterSet Initial { get; }

    /// <summary>
    /// Checks the store's shard count against <paramref name="shards"/> and, for K ≥ 2, gives every
    /// shard its initial version. Null for an unsharded federation.
    /// </summary>
    public static async Task<ShardedRounds?> OpenAsync(IFederationStore store, int shards, int seed, CancellationToken cancellationToken)
    {
        await store.InitializeShardsAsync(shards, 0, cancellationToken).ConfigureAwait(false);
        if (shards == 1) return null;
        ParameterSet initial = await store.LoadGlobalAsync(0, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, int> byId = await store.ListShardAssignmentsAsync(cancellationToken).ConfigureAwait(false);
        var assigned = (await store.ListClientsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => byId.ContainsKey(c.Id)).ToDictionary(c => c.Name, c => byId[c.Id], StringComparer.Ordinal);
        return new ShardedRounds(store, shards, seed, initial, assigned);
    }

    /// <summary>
    /// The shard of client <paramref name="clientName"/>: its recorded one, else the one it will get
    /// (<see cref="ClientShards"/>); a recorded shard stays even if the seed option changes.
    /// </summary>
    public int ShardOf(string clientName)
    {
        lock (_assigned) return _assigned.TryGetValue(clientName, out int shard) ? shard : ClientShards.ShardOf(clientName, Count, _seed);
    }

    /// <summary>Records the shard of each client (by store id) the first time it trains; a recorded shard is kept.</summary>
    public async Task<IReadOnlyDictionary<string, int>> AssignAsync(IEnumerable<(string Id, string Name)> clients, CancellationToken cancellationToken)
    {
        var shards = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, name) in clients)
        {
            shards[name] = await _store.AssignShardAsync(id, ShardOf(name), cancellationToken).ConfigureAwait(false);
            lock (_assigned) _assigned[name] = shards[name];
        }

        return shards;
    }

    /// <summary>Every shard's latest adapter, by shard.</summary>
    public async Task<IReadOnlyList<ShardSlot>> SlotsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ShardVersionRecord> latest = await _store.LatestShardVersionsAsync(cancellationToken).ConfigureAwait(false);
        if (latest.Count != Count) throw new InvalidOperationException($"The store holds versions of {latest.Count} shard(s); {Count} expected.");
        var slots = new List<ShardSlot>(Count);
        foreach (ShardVersionRecord shard in latest)
        {
            if (!_adapters.TryGetValue(shard.Version.Version, out ParameterSet? adapter))
                _adapters[shard.Version.Version] = adapter = await _store.LoadGlobalAsync(shard.Version.Version, cancellationToken).ConfigureAwait(false);
            slots.Add(new ShardSlot(shard.Shard, shard.Step, shard.Samples, shard.Version.Version, adapter));
        }

        // Only the latest version of each shard is needed again.
        foreach (long old in _adapters.Keys.Except(slots.Select(s => s.Version)).ToArray()) _adapters.Remove(old);
        return slots;
    }

    /// <summary>
    /// The training seed of step <paramref name="step"/> of shard <paramref name="shard"/>: independent of
    /// the round number, so retraining a shard replays the seeds of its original training.
    /// </summary>
    public ulong TaskSeed(int shard, int step) =>
        unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL + (ulong)(shard + 1) * 1_000_003UL + (ulong)step);
}
