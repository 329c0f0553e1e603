using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Partitioning;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Data.Transforms;
using FedUnlearn.Learning.Evaluation;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>Builds the three scenarios of the benchmark from the fine-tune data, deterministically from a seed.</summary>
internal static class ScenarioFactory
{
    public const double RandomForgetFraction = 0.10;

    public const int ForgottenClass = 3;

    public const int Partitions = 5;

    public const double PoisonFraction = 0.10;

    public const int BackdoorTarget = 0;

    public static Scenario Create(string key, BenchData data, int seed) => key switch
    {
        "s1" => RandomSamples(data, seed),
        "s2" => WholeClass(data),
        "s3" => Backdoor(data, seed),
        _ => throw new ArgumentException($"Unknown scenario '{key}'.", nameof(key)),
    };

    /// <summary>
    /// The trigger: a 3×3 white patch in the bottom-right corner. The data is already standardised, so
    /// "white" is raw pixel 1 in standardised units, (1 − mean) / std.
    /// </summary>
    public static BackdoorTrigger Trigger()
    {
        var n = FashionMnist.StandardNormalization;
        return new BackdoorTrigger(size: 3, corner: TriggerCorner.BottomRight, value: (1f - n.Mean[0]) / n.StdDev[0]);
    }

    private static Scenario RandomSamples(BenchData data, int seed)
    {
        var ids = data.FineTune.GetIds();
        new Random(seed + 1).Shuffle(ids);
        var forget = ids.Take((int)Math.Round(ids.Length * RandomForgetFraction)).ToArray();
        return Split("s1", $"random {RandomForgetFraction:P0} of the fine-tune data", data.FineTune, forget, null, null);
    }

    private static Scenario WholeClass(BenchData data)
    {
        var set = data.FineTune;
        var forget = Enumerable.Range(0, set.Count).Where(i => set.GetLabel(i) == ForgottenClass).Select(set.GetId).ToArray();
        return Split("s2", $"class {ForgottenClass} ({FashionMnist.ClassNames[ForgottenClass]})", set, forget, ForgottenClass, null);
    }

    /// <summary>
    /// Partition 0 of an IID 1/5 split is the attacker: 10% of its samples (drawn among those whose true
    /// class is not the target, so every one is a real poison) carry the trigger and the label 0.
    /// </summary>
    private static Scenario Backdoor(BenchData data, int seed)
    {
        var partition = new IidPartitioner().Partition(data.FineTune, Partitions, (ulong)seed)[0];
        var candidates = Enumerable.Range(0, partition.Count).Where(i => partition.GetLabel(i) != BackdoorTarget).Select(partition.GetId).ToArray();
        new Random(seed + 3).Shuffle(candidates);
        var poisoned = candidates.Take((int)Math.Round(partition.Count * PoisonFraction)).Order().ToArray();
        var trigger = Trigger();
        var train = trigger.Poison(data.FineTune, poisoned, BackdoorTarget);
        var probe = new BackdoorProbe(trigger.StampAll(data.Test), BackdoorTarget);
        return Split("s3", $"backdoor: {poisoned.Length} triggered samples of partition 0 (of {Partitions}) labelled {BackdoorTarget}",
            train, poisoned, null, probe);
    }

    private static Scenario Split(string key, string title, IDataset train, long[] forgetIds, int? forgetClass, BackdoorProbe? probe) =>
        new(key, title, train, train.SelectIds(forgetIds, $"{key}/forget"), train.ExceptIds(forgetIds, $"{key}/retain"), forgetClass, probe);
}
