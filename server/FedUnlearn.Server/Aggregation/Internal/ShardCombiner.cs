using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// The served global adapter of a sharded federation: the sample-weighted mean of the shard adapters
/// that hold training (a shard with no samples is the bare initial adapter and would only pull the
/// mean towards it, as the central ensemble leaves empty shards out of its vote). All shards start
/// from the same initial adapter, so this is FedAvg over shards; with <c>exact-lora</c> (A frozen and
/// shared) it is exactly the sample-weighted mean of the shards' weight changes B·A. Summed in shard
/// order in double: the same shards give the same bits.
/// </summary>
internal static class ShardCombiner
{
    /// <summary>The combination of <paramref name="shards"/>; a copy of <paramref name="initial"/> when none holds samples.</summary>
    public static ParameterSet Combine(IReadOnlyList<ShardSlot> shards, ParameterSet initial)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(initial);
        var members = shards.Where(s => s.Samples > 0).OrderBy(s => s.Shard).ToList();
        if (members.Count == 0) return initial.Clone();
        double total = members.Sum(s => (double)s.Samples);
        var result = new ParameterSet();
        foreach (var tensor in initial)
        {
            var sum = new double[tensor.Data.Length];
            foreach (var member in members)
            {
                var x = member.Adapter[tensor.Name].Data;
                double w = member.Samples / total;
                for (var i = 0; i < sum.Length; i++) sum[i] += w * x[i];
            }

            result.Add(tensor.Name, (int[])tensor.Shape.Clone(), Array.ConvertAll(sum, v => (float)v));
        }

        return result;
    }
}
