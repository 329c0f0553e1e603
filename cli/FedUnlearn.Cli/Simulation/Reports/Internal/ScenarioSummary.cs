using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Models;
using static FedUnlearn.Cli.Simulation.Reports.Internal.MetricFormat;

namespace FedUnlearn.Cli.Simulation.Reports.Internal;

/// <summary>One-line descriptions of a scenario's parts, for the report's summary.</summary>
internal static class ScenarioSummary
{
    public static string Data(Scenario s, DatasetKind used)
    {
        var d = s.Dataset;
        var name = used == DatasetKind.FashionMnist ? "Fashion-MNIST" : $"synthetic images ({Count(s.ClassCount)} classes)";
        var partition = s.Partition.Kind switch
        {
            PartitionKind.Iid => "IID",
            PartitionKind.Dirichlet => $"Dirichlet α = {Number(s.Partition.Alpha)}",
            _ => $"by class ({Count(s.Partition.ClassesPerClient)} per client)",
        };
        return $"{name}, {Count(d.TrainSize)} train / {Count(d.TestSize)} test samples, {Percent(d.PublicFraction)} public for the base; " +
            $"{Count(s.Clients.Count)} clients ({(s.Clients.Processes == ClientProcesses.InProcess ? "in-process" : "separate processes")}), {partition}";
    }

    public static string Model(Scenario s)
    {
        var m = s.Model;
        var shape = m.Kind switch
        {
            ModelKind.Mlp => $"MLP {string.Join("-", m.HiddenSizes.Select(h => Count(h)))}",
            ModelKind.Cnn => "small CNN",
            _ => "tiny ViT",
        };
        var targets = m.LoRA.Targets ?? LoRASpec.DefaultTargets(m.Kind, m.HiddenSizes.Count);
        return $"{shape}, LoRA r = {Count(m.LoRA.Rank)}, α = {Number(m.LoRA.Alpha)} on {string.Join(", ", targets)}";
    }

    public static string Training(Scenario s)
    {
        var t = s.Training;
        var strategy = t.Strategy switch
        {
            StrategyKind.FedAvg => "FedAvg",
            StrategyKind.ExactLora => "exact LoRA",
            StrategyKind.Median => "coordinate median",
            _ => $"trimmed mean β = {Number(t.TrimBeta)}",
        };
        var clients = t.ClientsPerRound is { } k ? $"{Count(k)} clients per round" : "all clients every round";
        var bound = t.NormBound is { } b ? $", norm bound {Number(b)}" : "";
        return $"{Count(t.Rounds)} rounds × {Count(t.LocalEpochs)} local epoch(s), batch {Count(t.BatchSize)}, lr {Number(t.LearningRate)}, {clients}, {strategy}{bound}";
    }
}
