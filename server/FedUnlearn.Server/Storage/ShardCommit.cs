using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage;

/// <summary>A new shard adapter version to commit together with a round.</summary>
/// <param name="Shard">The shard, in [0, K).</param>
/// <param name="Step">Its training step (0 for a reset to the initial adapter).</param>
/// <param name="Samples">Sample weight behind it (0 for a reset).</param>
/// <param name="Adapter">The adapter.</param>
public sealed record ShardCommit(int Shard, int Step, long Samples, ParameterSet Adapter);
