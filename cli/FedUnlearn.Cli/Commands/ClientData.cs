using FedUnlearn.Cli.Common;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Partitioning;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Cli.Commands;

/// <summary>This node's share of a dataset: its training partition and the held-out test split.</summary>
internal sealed record ClientData(IDataset Train, IDataset Test)
{
    public const string Synthetic = "synthetic";
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>
    /// Loads <paramref name="source"/> and keeps partition <paramref name="index"/> of <paramref name="clients"/> (seeded: every node
    /// computes the same split). With <paramref name="publicFraction"/>, the public part <c>pretrain</c> trained the base on
    /// (<see cref="PublicSplit"/>, same seed) is removed first, so the federation partitions only the rest.
    /// </summary>
    public static async Task<ClientData> LoadAsync(string source, DirectoryInfo? path, string partition, int clients, int index, double alpha,
        ulong seed, double? publicFraction, CancellationToken cancellationToken)
    {
        if (clients < 1) throw new CliException($"--clients must be at least 1 (got {clients}).");
        if (index < 0 || index >= clients) throw new CliException($"--client-index must be in 0..{clients - 1} (got {index}).");
        var (train, test) = await LoadSplitsAsync(source, path, seed, cancellationToken).ConfigureAwait(false);
        if (publicFraction is { } fraction) train = PublicSplit.Rest(train, fraction, seed);
        IPartitioner partitioner = partition == "dirichlet" ? new DirichletPartitioner(alpha) : new IidPartitioner();
        return new ClientData(partitioner.Partition(train, clients, seed)[index], test);
    }

    /// <summary>The whole training and test splits of <paramref name="source"/> (synthetic data generated from <paramref name="seed"/>).</summary>
    public static async Task<(IDataset Train, IDataset Test)> LoadSplitsAsync(string source, DirectoryInfo? path, ulong seed, CancellationToken cancellationToken)
    {
        if (source == Synthetic)
        {
            var options = new SyntheticImageOptions { Seed = seed };
            return (SyntheticImages.Generate(options, DatasetSplit.Train), SyntheticImages.Generate(options, DatasetSplit.Test));
        }

        if (!FashionMnist.IsAvailable(DatasetSplit.Train, path?.FullName))
            throw new CliException($"Fashion-MNIST not found in {path?.FullName ?? FashionMnist.DefaultDirectory}; install the Debian package dataset-fashion-mnist or pass --data-path.");
        var train = await FashionMnist.LoadAsync(DatasetSplit.Train, path?.FullName, cancellationToken).ConfigureAwait(false);
        var test = await FashionMnist.LoadAsync(DatasetSplit.Test, path?.FullName, cancellationToken).ConfigureAwait(false);
        return (train, test);
    }
}
