namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>Where a sharded training task starts: the client's shard, its adapter version and the step it trains.</summary>
internal sealed record ShardStart(int Shard, long Version, int Step);
