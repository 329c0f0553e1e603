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

    /// <summary>Loads <paramref name="source"/> and keeps partition <paramref name="index"/> of <paramref name="clients"/> (seeded: every node computes the same split).</summary>
    public static async Task<ClientData> LoadAsync(string source, DirectoryInfo? path, string partition, int clients, int index, double alpha,
        ulong seed, CancellationToken cancellationToken)
    {
        if (clients < 1) throw new CliException($"--clients must be at least 1 (got {clients}).");
        if (index < 0 || index >= clients) throw new CliException($"--client-index must be in 0..{clients - 1} (got {index}).");
        IDataset train, test;
        if (source == Synthetic)
        {
            var options = new SyntheticImageOptions { Seed = seed };
            (train, test) = (SyntheticImages.Generate(options, DatasetSplit.Train), SyntheticImages.Generate(options, DatasetSplit.Test));
        }
        else
        {
            if (!FashionMnist.IsAvailable(DatasetSplit.Train, path?.FullName))
                throw new CliException($"Fashion-MNIST not found in {path?.FullName ?? FashionMnist.DefaultDirectory}; install the Debian package dataset-fashion-mnist or pass --data-path.");
            train = await FashionMnist.LoadAsync(DatasetSplit.Train, path?.FullName, cancellationToken).ConfigureAwait(false);
            test = await FashionMnist.LoadAsync(DatasetSplit.Test, path?.FullName, cancellationToken).ConfigureAwait(false);
        }

        IPartitioner partitioner = partition == "dirichlet" ? new DirichletPartitioner(alpha) : new IidPartitioner();
        return new ClientData(partitioner.Partition(train, clients, seed)[index], test);
    }
}
