using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Partitioning;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// Builds <see cref="SimulationData"/> from a scenario: load (Fashion-MNIST or synthetic), a seeded draw
/// of <c>trainSize</c> and <c>testSize</c> samples, the public share held back, the rest partitioned
/// across the clients with the scenario's seeded partitioner, backdoor triggers stamped, and the test
/// split dealt out IID as the clients' held-out slices.
/// </summary>
internal static class DataBuilder
{
    private const ulong DrawSalt = 1, PublicSalt = 2, PartitionSalt = 3, TestSliceSalt = 4, PoisonSalt = 5;

    public static async Task<SimulationData> BuildAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var d = scenario.Dataset;
        var kind = Resolve(d);
        var (train, test) = kind == DatasetKind.FashionMnist
            ? await LoadFashionMnistAsync(d.Path, cancellationToken).ConfigureAwait(false)
            : GenerateSynthetic(d, scenario.Seed);
        train = Draw(train, d.TrainSize, scenario.Seed, "train");
        test = Draw(test, d.TestSize, SeededRandom.Derive(scenario.Seed, 7), "test");

        var order = new SeededRandom(SeededRandom.Derive(scenario.Seed, PublicSalt)).Permutation(train.Count);
        var publicCount = (int)(d.PublicFraction * train.Count);
        var publicSet = publicCount == 0 ? null : train.Subset(order.Take(publicCount).Order(), "public").Materialize();
        IDataset pool = train.Subset(order.Skip(publicCount).Order(), "clients").Materialize();
        var parts = Partitioner(scenario).Partition(pool, scenario.Clients.Count, SeededRandom.Derive(scenario.Seed, PartitionSalt));

        var poisoned = new Dictionary<int, long[]>();
        var triggers = new Dictionary<int, BackdoorTrigger>();
        for (var k = 0; k < scenario.ForgetRequests.Count; k++)
        {
            var request = scenario.ForgetRequests[k];
            if (request is not { Backdoor: { } backdoor, Client: { } client }) continue;
            var candidates = Enumerable.Range(0, parts[client].Count)
                .Where(i => parts[client].GetLabel(i) != backdoor.TargetLabel).Select(i => parts[client].GetId(i)).ToArray();
            var count = Math.Clamp((int)Math.Round(backdoor.Fraction * parts[client].Count), 1, Math.Max(1, candidates.Length));
            if (candidates.Length == 0)
                throw new SimulationException($"forgetRequests[{k}].backdoor: client {client} holds only samples of the target class {backdoor.TargetLabel}; nothing can be poisoned.");
            poisoned[k] = new SeededRandom(SeededRandom.Derive(scenario.Seed, PoisonSalt + (ulong)k * 16)).Choose(candidates, count);
            triggers[k] = new BackdoorTrigger(backdoor.TriggerSize);
            pool = triggers[k].Poison(pool, poisoned[k], backdoor.TargetLabel);
        }

        if (poisoned.Count > 0) pool = pool.Materialize("clients");
        var clients = parts.Select((p, i) => pool.Subset(p.SourceIndices.ToArray(), $"client-{i}")).ToArray();
        var slices = new IidPartitioner().Partition(test, scenario.Clients.Count, SeededRandom.Derive(scenario.Seed, TestSliceSalt));
        return new SimulationData
        {
            Kind = kind,
            Public = publicSet,
            Pool = pool,
            Clients = clients,
            ClientTests = slices,
            Test = test,
            Poisoned = poisoned,
            Triggers = triggers,
        };
    }

    /// <summary>Auto means Fashion-MNIST when its files are there, synthetic otherwise.</summary>
    public static DatasetKind Resolve(DatasetSettings d) => d.Kind switch
    {
        DatasetKind.Auto => FashionMnist.IsAvailable(DatasetSplit.Train, d.Path) && FashionMnist.IsAvailable(DatasetSplit.Test, d.Path)
            ? DatasetKind.FashionMnist
            : DatasetKind.Synthetic,
        _ => d.Kind,
    };

    private static async Task<(IDataset Train, IDataset Test)> LoadFashionMnistAsync(string? path, CancellationToken cancellationToken)
    {
        if (!FashionMnist.IsAvailable(DatasetSplit.Train, path) || !FashionMnist.IsAvailable(DatasetSplit.Test, path))
            throw new SimulationException($"dataset.kind: Fashion-MNIST was not found in {path ?? FashionMnist.DefaultDirectory}; install the Debian package dataset-fashion-mnist, set dataset.path, or use \"kind\": \"synthetic\".");
        var train = await FashionMnist.LoadAsync(DatasetSplit.Train, path, cancellationToken).ConfigureAwait(false);
        var test = await FashionMnist.LoadAsync(DatasetSplit.Test, path, cancellationToken).ConfigureAwait(false);
        return (train, test);
    }

    private static (IDataset Train, IDataset Test) GenerateSynthetic(DatasetSettings d, ulong seed)
    {
        var options = new SyntheticImageOptions
        {
            ClassCount = d.Classes,
            TrainSamplesPerClass = (d.TrainSize + d.Classes - 1) / d.Classes,
            TestSamplesPerClass = (d.TestSize + d.Classes - 1) / d.Classes,
            Seed = seed,
        };
        return (SyntheticImages.Generate(options, DatasetSplit.Train), SyntheticImages.Generate(options, DatasetSplit.Test));
    }

    /// <summary>A seeded draw of <paramref name="count"/> samples, kept in index order.</summary>
    private static IDataset Draw(IDataset source, int count, ulong seed, string name)
    {
        if (count >= source.Count) return source;
        var order = new SeededRandom(SeededRandom.Derive(seed, DrawSalt)).Permutation(source.Count);
        return source.Subset(order.Take(count).Order(), $"{source.Name}/{name}").Materialize();
    }

    private static IPartitioner Partitioner(Scenario s) => s.Partition.Kind switch
    {
        PartitionKind.Iid => new IidPartitioner(),
        PartitionKind.Dirichlet => new DirichletPartitioner(s.Partition.Alpha),
        PartitionKind.ByClass => ByClassPartitioner.Cyclic(s.Clients.Count, s.ClassCount, s.Partition.ClassesPerClient),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.Partition.Kind, "Unknown partition kind."),
    };
}
