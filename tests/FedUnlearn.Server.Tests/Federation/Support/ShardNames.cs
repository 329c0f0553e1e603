using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Server.Tests.Federation.Support;

/// <summary>Client names that land in chosen shards (the assignment is a hash of the name).</summary>
internal static class ShardNames
{
    /// <summary>One distinct name per entry of <paramref name="shards"/>, each in that shard of <paramref name="count"/>.</summary>
    public static string[] Pick(int count, params int[] shards)
    {
        var used = new HashSet<string>();
        return [.. shards.Select(shard => Enumerable.Range(0, 1000).Select(i => $"node-{i}")
            .First(name => !used.Contains(name) && ClientShards.ShardOf(name, count) == shard && used.Add(name)))];
    }
}
