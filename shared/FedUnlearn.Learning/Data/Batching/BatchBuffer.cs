namespace FedUnlearn.Learning.Data.Batching;

/// <summary>
/// Reusable contiguous arrays for one batch: features row after row, labels and ids. Fill it from
/// a batch of indices, then hand <see cref="Features"/> and <see cref="Labels"/> to the tensor layer.
/// </summary>
public sealed class BatchBuffer
{
    private readonly float[] _features;
    private readonly long[] _labels;
    private readonly long[] _ids;

    /// <summary>Creates a buffer for up to <paramref name="capacity"/> samples of <paramref name="featureLength"/> floats.</summary>
    public BatchBuffer(int capacity, int featureLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureLength, 1);
        _features = new float[checked(capacity * featureLength)];
        _labels = new long[capacity];
        _ids = new long[capacity];
        Capacity = capacity;
        FeatureLength = featureLength;
    }

    /// <summary>Maximum samples per batch.</summary>
    public int Capacity { get; }

    /// <summary>Floats per sample.</summary>
    public int FeatureLength { get; }

    /// <summary>Samples currently held.</summary>
    public int Count { get; private set; }

    /// <summary>The held features, <c>Count × FeatureLength</c> floats.</summary>
    public ReadOnlySpan<float> Features => _features.AsSpan(0, Count * FeatureLength);

    /// <summary>The held labels.</summary>
    public ReadOnlySpan<long> Labels => _labels.AsSpan(0, Count);

    /// <summary>The held sample ids (what amnesiac-style methods record per batch).</summary>
    public ReadOnlySpan<long> Ids => _ids.AsSpan(0, Count);

    /// <summary>Gathers the samples at <paramref name="indices"/> of <paramref name="dataset"/>.</summary>
    public void Fill(IDataset dataset, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureLength != FeatureLength)
            throw new ArgumentException($"Dataset '{dataset.Name}' has {dataset.FeatureLength} floats per sample; this buffer holds {FeatureLength}.", nameof(dataset));
        if (indices.Length > Capacity)
            throw new ArgumentException($"{indices.Length} samples exceed the buffer's capacity of {Capacity}.", nameof(indices));
        dataset.Gather(indices, _features, _labels);
        for (var i = 0; i < indices.Length; i++) _ids[i] = dataset.GetId(indices[i]);
        Count = indices.Length;
    }
}
