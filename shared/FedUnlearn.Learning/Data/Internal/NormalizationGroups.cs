using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>Maps features to statistic groups and computes per-group mean and deviation.</summary>
internal static class NormalizationGroups
{
    public static int Count(IReadOnlyList<int> shape, NormalizationMode mode) => mode switch
    {
        NormalizationMode.Global => 1,
        NormalizationMode.PerChannel => shape[0],
        _ => DatasetChecks.FeatureLength(shape, nameof(shape)),
    };

    /// <summary>For each feature position, the index of its group.</summary>
    public static int[] Of(IReadOnlyList<int> shape, NormalizationMode mode)
    {
        var length = DatasetChecks.FeatureLength(shape, nameof(shape));
        var perChannel = length / shape[0];
        var groups = new int[length];
        for (var f = 0; f < length; f++)
        {
            groups[f] = mode switch { NormalizationMode.Global => 0, NormalizationMode.PerChannel => f / perChannel, _ => f };
        }
        return groups;
    }

    public static (float[] Mean, float[] StdDev) Statistics(IDataset dataset, NormalizationMode mode)
    {
        var groups = Of(dataset.FeatureShape, mode);
        var groupCount = Count(dataset.FeatureShape, mode);
        var groupSize = new long[groupCount];
        foreach (var g in groups) groupSize[g] += dataset.Count;

        // Pass 1: per-feature sums → group means. Pass 2: squared deviations from the group mean.
        var sums = new double[groups.Length];
        ForEachRow(dataset, row => { for (var f = 0; f < row.Length; f++) sums[f] += row[f]; });
        var mean = new double[groupCount];
        for (var f = 0; f < groups.Length; f++) mean[groups[f]] += sums[f];
        for (var g = 0; g < groupCount; g++) mean[g] /= groupSize[g];

        var squares = new double[groups.Length];
        ForEachRow(dataset, row =>
        {
            for (var f = 0; f < row.Length; f++)
            {
                var d = row[f] - mean[groups[f]];
                squares[f] += d * d;
            }
        });
        var variance = new double[groupCount];
        for (var f = 0; f < groups.Length; f++) variance[groups[f]] += squares[f];
        return (mean.Select(m => (float)m).ToArray(),
                variance.Select((v, g) => (float)Math.Sqrt(v / groupSize[g])).ToArray());
    }

    private delegate void RowAction(ReadOnlySpan<float> row);

    private static void ForEachRow(IDataset dataset, RowAction action)
    {
        const int Chunk = 1024;
        var length = dataset.FeatureLength;
        var features = new float[Chunk * length];
        var labels = new long[Chunk];
        var indices = new int[Chunk];
        for (var start = 0; start < dataset.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, dataset.Count - start);
            for (var i = 0; i < n; i++) indices[i] = start + i;
            dataset.Gather(indices.AsSpan(0, n), features, labels);
            for (var i = 0; i < n; i++) action(features.AsSpan(i * length, length));
        }
    }
}
