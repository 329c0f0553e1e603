using FedUnlearn.Cli.Simulation.Scenarios.Internal;
using FedUnlearn.Learning.Models;
using static FedUnlearn.Cli.Simulation.Scenarios.Internal.ErrorList;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Checks a <see cref="Scenario"/> and names every invalid field by its JSON path.</summary>
public static partial class ScenarioValidator
{
    /// <summary>Fewest training samples a client must hold.</summary>
    public const int MinSamplesPerClient = 10;

    /// <summary>Every problem found; empty when the scenario is valid.</summary>
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var e = new ErrorList();
        e.Require(!string.IsNullOrWhiteSpace(scenario.Name), "name", "must not be empty");
        Data(scenario, e);
        Model(scenario.Model, e);
        Training(scenario, e);
        Requests(scenario, e);
        Methods(scenario, e);
        e.AtLeast(scenario.Evaluation.VerificationMaxSamples, 0, "evaluation.verificationMaxSamples");
        e.Require(!string.IsNullOrWhiteSpace(scenario.Output.Directory), "output.directory", "must not be empty");
        return e.Errors;
    }

    private static void Data(Scenario s, ErrorList e)
    {
        var d = s.Dataset;
        e.AtLeast(d.TrainSize, 1, "dataset.trainSize");
        e.AtLeast(d.TestSize, 1, "dataset.testSize");
        e.Fraction(d.PublicFraction, "dataset.publicFraction", zeroAllowed: true);
        if (d.Kind == DatasetKind.Synthetic) e.InRange(d.Classes, 2, 1000, "dataset.classes", "2 to 1000");
        else e.Require(d.Classes == 10, "dataset.classes", $"{N(d.Classes)} cannot be set for {Name(d.Kind)} (it has 10 classes; only synthetic data takes a class count)");
        e.Require(d.Path is null || d.Kind != DatasetKind.Synthetic, "dataset.path", "only applies to fashion-mnist (or auto)");
        if (d.Kind == DatasetKind.FashionMnist)
        {
            e.InRange(d.TrainSize, 1, 60_000, "dataset.trainSize", "Fashion-MNIST has 60000 training images");
            e.InRange(d.TestSize, 1, 10_000, "dataset.testSize", "Fashion-MNIST has 10000 test images");
        }

        e.InRange(s.Clients.Count, 2, 1000, "clients.count", "a federation needs 2 to 1000 clients");
        var perClient = (int)(d.TrainSize * (1 - d.PublicFraction)) / Math.Max(1, s.Clients.Count);
        e.Require(perClient >= MinSamplesPerClient, "dataset.trainSize",
            $"{N(d.TrainSize)} leaves {N(perClient)} samples per client after the public share; each of the {N(s.Clients.Count)} clients needs at least {MinSamplesPerClient}");

        var p = s.Partition;
        if (p.Kind == PartitionKind.Dirichlet) e.Positive(p.Alpha, "partition.alpha");
        if (p.Kind == PartitionKind.ByClass)
            e.InRange(p.ClassesPerClient, 1, s.ClassCount, "partition.classesPerClient", $"the dataset has {N(s.ClassCount)} classes");
    }

    private static void Model(ModelSettings m, ErrorList e)
    {
        if (m.Kind == ModelKind.Mlp)
        {
            e.Require(m.HiddenSizes.Count > 0, "model.hiddenSizes", "needs at least one width");
            for (var i = 0; i < m.HiddenSizes.Count; i++) e.AtLeast(m.HiddenSizes[i], 1, $"model.hiddenSizes[{i}]");
        }

        e.AtLeast(m.LoRA.Rank, 1, "model.lora.rank");
        e.Positive(m.LoRA.Alpha, "model.lora.alpha");
        e.Names(m.LoRA.Targets, "model.lora.targets");
    }

    private static void Training(Scenario s, ErrorList e)
    {
        var t = s.Training;
        e.AtLeast(t.Rounds, 1, "training.rounds");
        e.AtLeast(t.LocalEpochs, 1, "training.localEpochs");
        e.AtLeast(t.BatchSize, 1, "training.batchSize");
        e.Positive(t.LearningRate, "training.learningRate");
        if (t.ClientsPerRound is { } k)
            e.InRange(k, 1, s.Clients.Count, "training.clientsPerRound", $"there are {N(s.Clients.Count)} clients");
        if (t.Strategy == StrategyKind.TrimmedMean)
            e.Require(t.TrimBeta is >= 0 and < 0.5, "training.trimBeta", $"{N(t.TrimBeta)} must be in [0, 0.5)");
        if (t.NormBound is { } bound) e.Positive(bound, "training.normBound");
    }

    private static string Name(DatasetKind kind) => kind switch
    {
        DatasetKind.Auto => "auto",
        DatasetKind.FashionMnist => "fashion-mnist",
        _ => "synthetic",
    };
}
