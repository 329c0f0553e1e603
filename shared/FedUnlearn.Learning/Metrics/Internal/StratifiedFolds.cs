namespace FedUnlearn.Learning.Metrics.Internal;

/// <summary>Deterministic sampling helpers for the membership-inference cross-validation.</summary>
internal static class StratifiedFolds
{
    /// <summary>
    /// Picks <paramref name="take"/> of <paramref name="count"/> indices uniformly at random (partial
    /// Fisher–Yates) and returns them in ascending order, so the subset does not depend on input order
    /// beyond the indices themselves.
    /// </summary>
    public static int[] Subsample(int count, int take, ref SplitMix64 random)
    {
        var indices = new int[count];
        for (var i = 0; i < count; i++) indices[i] = i;
        if (take == count) return indices;
        for (var i = 0; i < take; i++)
        {
            var j = i + random.NextInt(count - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var chosen = indices[..take];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>
    /// Assigns each of <paramref name="count"/> samples of one class to a fold in [0, folds): a random
    /// permutation dealt round-robin, so fold sizes differ by at most one. Calling it once per class
    /// with equal counts gives folds with equal class balance.
    /// </summary>
    public static int[] Assign(int count, int folds, ref SplitMix64 random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        random.Shuffle(order);
        var fold = new int[count];
        for (var position = 0; position < count; position++)
            fold[order[position]] = position % folds;
        return fold;
    }
}
