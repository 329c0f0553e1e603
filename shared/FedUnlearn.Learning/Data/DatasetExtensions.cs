namespace FedUnlearn.Learning.Data;

/// <summary>Views and summaries over any <see cref="IDataset"/>.</summary>
public static class DatasetExtensions
{
    /// <summary>A zero-copy view of the samples at <paramref name="indices"/>, keeping their ids.</summary>
    public static DatasetSubset Subset(this IDataset dataset, IEnumerable<int> indices, string? name = null) =>
        new(dataset, indices, name);

    /// <summary>A view of exactly the samples named by <paramref name="ids"/>, in that order (e.g. a forget set).</summary>
    /// <exception cref="SampleSelectionException">An id is unknown or repeated.</exception>
    public static DatasetSubset SelectIds(this IDataset dataset, IEnumerable<long> ids, string? name = null) =>
        new(dataset, SampleIdIndex.Build(dataset).Resolve(ids), name ?? $"{dataset.Name}/selected");

    /// <summary>A view of every sample except those named by <paramref name="ids"/>, in index order (e.g. a retain set).</summary>
    /// <exception cref="SampleSelectionException">An id is unknown or repeated.</exception>
    public static DatasetSubset ExceptIds(this IDataset dataset, IEnumerable<long> ids, string? name = null)
    {
        var excluded = new bool[dataset.Count];
        foreach (var index in SampleIdIndex.Build(dataset).Resolve(ids)) excluded[index] = true;
        var kept = Enumerable.Range(0, dataset.Count).Where(i => !excluded[i]);
        return new(dataset, kept, name ?? $"{dataset.Name}/retained");
    }

    /// <summary>Number of samples per class, indexed by label.</summary>
    public static int[] LabelHistogram(this IDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var counts = new int[dataset.ClassCount];
        for (var i = 0; i < dataset.Count; i++) counts[dataset.GetLabel(i)]++;
        return counts;
    }

    /// <summary>All ids in index order.</summary>
    public static long[] GetIds(this IDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var ids = new long[dataset.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = dataset.GetId(i);
        return ids;
    }

    /// <summary>
    /// Copies any dataset (a subset, a normalised or triggered view) into a new
    /// <see cref="DenseDataset"/> with the same ids, labels and features: pay a transform once.
    /// </summary>
    public static DenseDataset Materialize(this IDataset dataset, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var n = dataset.Count;
        var features = new float[(long)n * dataset.FeatureLength];
        var labels = new long[n];
        const int Chunk = 4096;
        var indices = new int[Math.Min(Chunk, Math.Max(n, 1))];
        for (var start = 0; start < n; start += Chunk)
        {
            var count = Math.Min(Chunk, n - start);
            for (var i = 0; i < count; i++) indices[i] = start + i;
            dataset.Gather(indices.AsSpan(0, count),
                features.AsSpan(start * dataset.FeatureLength, count * dataset.FeatureLength),
                labels.AsSpan(start, count));
        }
        return new DenseDataset(name ?? dataset.Name, features, labels, dataset.GetIds(),
            dataset.FeatureShape, dataset.ClassCount, dataset.ClassNames);
    }
}
