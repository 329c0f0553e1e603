using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Federated.Internal;

/// <summary>
/// Cuts an evaluation set to at most a given size by seeded uniform subsampling. The same seed, set and size
/// give the same samples, so the models a verification compares (a method's and retraining's) are measured on
/// the same subsample; each set draws from its own stream of the seed.
/// </summary>
internal static class EvaluationSubsample
{
    /// <summary><paramref name="data"/> itself when it is null, small enough or <paramref name="max"/> is 0; else <paramref name="max"/> of its samples, in dataset order.</summary>
    public static IDataset? Cap(IDataset? data, int max, long seed, ulong stream)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (data is null || max == 0 || data.Count <= max) return data;
        var random = new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + stream));
        return data.Subset(StratifiedFolds.Subsample(data.Count, max, ref random), $"{data.Name}/sample-{max}");
    }
}
