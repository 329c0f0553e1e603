namespace FedUnlearn.Learning.Data.Internal;

/// <summary>Argument checks shared by the dataset implementations, with messages naming the dataset.</summary>
internal static class DatasetChecks
{
    /// <summary>Validates a feature shape and returns its element count.</summary>
    public static int FeatureLength(IReadOnlyList<int> shape, string paramName)
    {
        ArgumentNullException.ThrowIfNull(shape, paramName);
        if (shape.Count == 0)
            throw new ArgumentException("A feature shape needs at least one dimension.", paramName);
        long length = 1;
        foreach (var d in shape)
        {
            if (d <= 0)
                throw new ArgumentException($"Feature shape [{string.Join(", ", shape)}] has a non-positive dimension.", paramName);
            length *= d;
        }
        if (length > int.MaxValue)
            throw new ArgumentException($"Feature shape [{string.Join(", ", shape)}] is too large.", paramName);
        return (int)length;
    }

    public static void Index(IDataset dataset, int index)
    {
        if ((uint)index >= (uint)dataset.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Dataset '{dataset.Name}' has {dataset.Count} samples.");
    }

    public static void GatherBuffers(IDataset dataset, int n, Span<float> features, Span<long> labels)
    {
        if (features.Length < (long)n * dataset.FeatureLength)
            throw new ArgumentException($"Feature buffer holds {features.Length} floats; {n} samples of '{dataset.Name}' need {(long)n * dataset.FeatureLength}.", nameof(features));
        if (labels.Length < n)
            throw new ArgumentException($"Label buffer holds {labels.Length} entries; {n} are needed.", nameof(labels));
    }

    public static void ClassNames(IReadOnlyList<string>? names, int classCount)
    {
        if (names is not null && names.Count != classCount)
            throw new ArgumentException($"{names.Count} class names were given for {classCount} classes.", nameof(names));
    }
}
