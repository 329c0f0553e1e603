namespace FedUnlearn.Learning.Unlearning.ShardedExact;

/// <summary>
/// Which shard a sample (or a whole client) belongs to: a SplitMix64 hash of its key (sample id or
/// client key) and a seed, modulo the shard count. The same on every machine and in every run, so a
/// forget request needs no stored assignment table.
/// </summary>
public static class ShardAssignment
{
    /// <summary>The shard in [0, <paramref name="shards"/>) of <paramref name="key"/>.</summary>
    public static int ShardOf(long key, int shards, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var z = unchecked((ulong)key + 0x9E3779B97F4A7C15UL * ((ulong)seed + 1));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z % (ulong)shards);
    }

    /// <summary>The distinct shards holding <paramref name="keys"/>, ascending: the shards a forget request must retrain.</summary>
    public static int[] ShardsOf(IEnumerable<long> keys, int shards, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. keys.Select(k => ShardOf(k, shards, seed)).Distinct().Order()];
    }

    /// <summary>The seed of shard <paramref name="shard"/>'s initial adapter (or of its batch shuffles) derived from a base seed.</summary>
    public static long ShardSeed(long seed, int shard) => unchecked(seed * 1_000_003 + shard + 1);
}
