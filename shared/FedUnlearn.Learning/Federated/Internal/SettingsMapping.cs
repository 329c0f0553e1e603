using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Federated.Internal;

/// <summary>Maps the server's task settings onto the node's training defaults.</summary>
internal static class SettingsMapping
{
    /// <summary>
    /// The task's hyper-parameters over <paramref name="defaults"/>. The seed mixes the task seed with
    /// the round, so every round reshuffles differently yet a replayed task repeats exactly.
    /// </summary>
    public static TrainingOptions ToTrainingOptions(this LocalTrainSettings settings, TrainingOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = defaults with
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            WeightDecay = settings.WeightDecay,
            ClipNorm = settings.ClipNorm,
            Seed = MixSeed(settings.Seed, settings.Round),
            FrozenParameters = settings.FrozenParameters,
        };
        options.Validate();
        return options;
    }

    private static long MixSeed(long seed, long round)
    {
        // SplitMix64 finaliser over seed and round: nearby rounds get unrelated shuffles.
        var z = unchecked((ulong)seed + ((ulong)round * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((long)(z ^ (z >> 31)));
    }
}
