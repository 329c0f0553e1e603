namespace FedUnlearn.Server.Storage;

/// <summary>
/// The durable state of a sharded federation: its shard count, each client's shard and every shard
/// adapter version. Shard adapters are global versions with a shard number, so clients fetch them
/// like any version; the served global (<see cref="IRoundStore.LatestGlobalVersionAsync"/>) is
/// never a shard adapter.
/// </summary>
public interface IShardStore
{
    /// <summary>
    /// Records the federation's shard count the first time it is sharded (K ≥ 2) and gives every shard
    /// without a version a step-0 version holding <paramref name="initialVersion"/>'s adapter. Returns
    /// the latest version of each shard (empty for K = 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The store was trained with another shard count, or (for K ≥ 2) trained unsharded already.
    /// </exception>
    Task<IReadOnlyList<ShardVersionRecord>> InitializeShardsAsync(int shards, long initialVersion, CancellationToken cancellationToken = default);

    /// <summary>The recorded shard count; 1 for a store never sharded.</summary>
    Task<int> GetShardCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="clientId"/>'s shard unless it has one; returns the recorded shard.</summary>
    Task<int> AssignShardAsync(string clientId, int shard, CancellationToken cancellationToken = default);

    /// <summary>Every recorded assignment: client id to shard.</summary>
    Task<IReadOnlyDictionary<string, int>> ListShardAssignmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest version of each shard, by shard.</summary>
    Task<IReadOnlyList<ShardVersionRecord>> LatestShardVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of <paramref name="shard"/>, oldest first: its history, resets included.</summary>
    Task<IReadOnlyList<ShardVersionRecord>> ListShardVersionsAsync(int shard, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically stores <paramref name="shards"/> as new shard versions and <paramref name="combined"/>
    /// as the next served global version, and marks the round committed (as <see cref="IRoundStore.CommitRoundAsync(long, Contracts.Parameters.ParameterSet, int, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The round is not running, or another round committed since it began.</exception>
    Task<GlobalVersionRecord> CommitShardedRoundAsync(long round, IReadOnlyList<ShardCommit> shards, Contracts.Parameters.ParameterSet combined,
        int participants, CancellationToken cancellationToken = default);
}
