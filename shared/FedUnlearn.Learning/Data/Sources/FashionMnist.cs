using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Data.Sources;

/// <summary>
/// Fashion-MNIST (Xiao et al., 2017) from Debian's <c>dataset-fashion-mnist</c> package: 60,000
/// train and 10,000 test 28×28 grey images of 10 clothing classes. Train ids are 0..59999, test ids
/// 1000000..1009999 (<see cref="DatasetIds"/>).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Samples in the train split.</summary>
    public const int TrainCount = 60_000;

    /// <summary>Samples in the test split.</summary>
    public const int TestCount = 10_000;

    /// <summary>The ten class names, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    });

    /// <summary>
    /// The standard global statistics of the train split (mean 0.2860, std 0.3530). Federated
    /// clients should share one normalisation rather than each standardise by its own skewed data.
    /// </summary>
    public static FeatureNormalization StandardNormalization { get; } =
        FeatureNormalization.FromStatistics([1, 28, 28], NormalizationMode.Global, [0.2860f], [0.3530f]);

    /// <summary>The image and label file paths of <paramref name="split"/> under <paramref name="directory"/>.</summary>
    public static (string Images, string Labels) FilePaths(DatasetSplit split, string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        var prefix = split == DatasetSplit.Train ? "train" : "t10k";
        return (Path.Combine(dir, $"{prefix}-images-idx3-ubyte.gz"), Path.Combine(dir, $"{prefix}-labels-idx1-ubyte.gz"));
    }

    /// <summary>True when both files of <paramref name="split"/> exist.</summary>
    public static bool IsAvailable(DatasetSplit split = DatasetSplit.Train, string? directory = null)
    {
        var (images, labels) = FilePaths(split, directory);
        return File.Exists(images) && File.Exists(labels);
    }

    /// <summary>Loads one split, pixels in [0, 1], shape <c>[1, 28, 28]</c>.</summary>
    /// <exception cref="FileNotFoundException">The files are absent; the message says how to install them.</exception>
    /// <exception cref="DatasetFormatException">A file is corrupt or is not the expected split.</exception>
    public static Task<DenseDataset> LoadAsync(DatasetSplit split, string? directory = null, CancellationToken cancellationToken = default)
    {
        var (images, labels) = FilePaths(split, directory);
        foreach (var path in new[] { images, labels })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"Fashion-MNIST file '{path}' not found. Install the Debian package 'dataset-fashion-mnist' " +
                    $"(sudo apt-get install dataset-fashion-mnist) or point the loader at a directory holding " +
                    $"{Path.GetFileName(images)} and {Path.GetFileName(labels)}.", path);
        }
        var options = new IdxDatasetOptions
        {
            Name = split == DatasetSplit.Train ? "fashion-mnist/train" : "fashion-mnist/test",
            ClassCount = 10,
            ClassNames = ClassNames,
            IdOffset = DatasetIds.For(split, 0),
            ExpectedCount = split == DatasetSplit.Train ? TrainCount : TestCount,
            ExpectedRows = 28,
            ExpectedColumns = 28,
        };
        return IdxDataset.LoadAsync(images, labels, options, cancellationToken);
    }
}
