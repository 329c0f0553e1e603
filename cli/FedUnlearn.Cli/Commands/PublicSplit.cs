using FedUnlearn.Cli.Common;
using FedUnlearn.Learning.Data;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// The public part of a training set, on which <c>pretrain</c> trains the base: a stratified, seeded
/// fraction of every class, chosen by a hash of (seed, sample id). It depends only on the ids, labels,
/// fraction and seed, so <c>client --public-fraction F --seed S</c> drops exactly the samples that
/// <c>pretrain --public-fraction F --seed S</c> used, and the federation trains on the rest.
/// </summary>
internal static class PublicSplit
{
    /// <summary>The sample ids of the public part of <paramref name="train"/>.</summary>
    public static HashSet<long> Ids(IDataset train, double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1)) throw new CliException($"--public-fraction must be between 0 and 1, exclusive (got {fraction}).");
        var byClass = new List<long>[train.ClassCount];
        for (var i = 0; i < train.Count; i++) (byClass[train.GetLabel(i)] ??= []).Add(train.GetId(i));
        var ids = new HashSet<long>();
        foreach (var members in byClass)
        {
            if (members is not { Count: > 0 }) continue;
            var take = Math.Max(1, (int)Math.Round(fraction * members.Count, MidpointRounding.AwayFromZero));
            ids.UnionWith(members.OrderBy(id => Rank(seed, id)).ThenBy(id => id).Take(take));
        }

        return ids;
    }

    /// <summary>The public part itself.</summary>
    public static DatasetSubset Public(IDataset train, double fraction, ulong seed)
    {
        var ids = Ids(train, fraction, seed);
        return train.Subset(Enumerable.Range(0, train.Count).Where(i => ids.Contains(train.GetId(i))), $"{train.Name}/public");
    }

    /// <summary>Everything but the public part: what the federation's clients share out.</summary>
    public static DatasetSubset Rest(IDataset train, double fraction, ulong seed) => train.ExceptIds(Ids(train, fraction, seed), $"{train.Name}/federated");

    private static ulong Rank(ulong seed, long id)
    {
        // SplitMix64's finaliser over seed and id: a fixed pseudo-random order per seed, on every machine.
        var z = unchecked(seed + 0x9E3779B97F4A7C15UL * ((ulong)id + 1));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
