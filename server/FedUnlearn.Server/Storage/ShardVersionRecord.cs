namespace FedUnlearn.Server.Storage;

/// <summary>One committed version of a shard adapter in a sharded federation.</summary>
/// <param name="Shard">The shard, in [0, K).</param>
/// <param name="Step">Training rounds the shard has had since its initial adapter (0: the initial adapter, or a reset to it).</param>
/// <param name="Samples">Sample weight of the round that produced it (0 for step 0): its weight in the served combination.</param>
/// <param name="Version">The version record (its number is what a client fetches; it is never the served global).</param>
public sealed record ShardVersionRecord(int Shard, int Step, long Samples, GlobalVersionRecord Version);
