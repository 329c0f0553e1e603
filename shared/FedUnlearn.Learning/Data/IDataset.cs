namespace FedUnlearn.Learning.Data;

/// <summary>
/// A labelled dataset held by one party: float32 features, int64 labels and a stable int64 id per
/// sample. Ids are what forget requests name, so they are unique within a dataset and survive every
/// view (subsets, partitions, transforms keep the original ids). Indices are positions 0..Count-1
/// in this dataset and change between views; never persist an index, persist the id.
/// </summary>
public interface IDataset
{
    /// <summary>A short description for logs and errors, e.g. <c>fashion-mnist/train</c>.</summary>
    string Name { get; }

    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Shape of one sample's features, outermost first: <c>[1, 28, 28]</c> or <c>[d]</c>.</summary>
    IReadOnlyList<int> FeatureShape { get; }

    /// <summary>Number of floats in one sample (the product of <see cref="FeatureShape"/>).</summary>
    int FeatureLength { get; }

    /// <summary>Number of classes; every label lies in <c>[0, ClassCount)</c>.</summary>
    int ClassCount { get; }

    /// <summary>Human-readable class names (length <see cref="ClassCount"/>), or null when unnamed.</summary>
    IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The stable id of the sample at <paramref name="index"/>.</summary>
    long GetId(int index);

    /// <summary>The label (class index) of the sample at <paramref name="index"/>.</summary>
    long GetLabel(int index);

    /// <summary>
    /// The features of one sample. Zero-copy for stored datasets and their subsets; transform views
    /// compute a fresh array per call, so use <see cref="Gather"/> in training loops.
    /// </summary>
    ReadOnlySpan<float> Features(int index);

    /// <summary>
    /// Copies the features of the samples at <paramref name="indices"/> row after row into
    /// <paramref name="features"/> (at least <c>indices.Length * FeatureLength</c> long) and their
    /// labels into <paramref name="labels"/> (at least <c>indices.Length</c> long).
    /// </summary>
    void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels);
}
