using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>A shard's adapter as a round starts from it: its version, training step and sample weight.</summary>
internal sealed record ShardSlot(int Shard, int Step, long Samples, long Version, ParameterSet Adapter);
