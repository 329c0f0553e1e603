using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Sources;

/// <summary>
/// A deterministic tabular dataset: one Gaussian cluster per class (centres shared by both splits,
/// unit-variance noise; the normals are Irwin–Hall approximations so bytes are identical on every
/// machine). Labels cycle 0, 1, …, K-1, 0, …; ids follow <see cref="DatasetIds"/>.
/// </summary>
public static class SyntheticTabular
{
    private const ulong CentreStream = 0, TrainStream = 1, TestStream = 2;

    /// <summary>Generates one split. Same options (seed included) → identical bytes on every machine.</summary>
    public static DenseDataset Generate(SyntheticTabularOptions options, DatasetSplit split = DatasetSplit.Train)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = options.FeatureCount, k = options.ClassCount;
        var centreRng = new Xoshiro256(options.Seed, CentreStream);
        var centres = new float[k * d];
        for (var i = 0; i < centres.Length; i++) centres[i] = options.Separation * centreRng.NextApproxNormal();

        var perClass = split == DatasetSplit.Train ? options.TrainSamplesPerClass : options.TestSamplesPerClass;
        var count = perClass * k;
        var features = new float[(long)count * d];
        var labels = new long[count];
        var ids = new long[count];
        var rng = new Xoshiro256(options.Seed, split == DatasetSplit.Train ? TrainStream : TestStream);
        for (var i = 0; i < count; i++)
        {
            var label = i % k;
            labels[i] = label;
            ids[i] = DatasetIds.For(split, i);
            for (var j = 0; j < d; j++) features[i * d + j] = centres[label * d + j] + rng.NextApproxNormal();
        }
        var name = split == DatasetSplit.Train ? "synthetic-tabular/train" : "synthetic-tabular/test";
        return new DenseDataset(name, features, labels, ids, [d], k);
    }
}
