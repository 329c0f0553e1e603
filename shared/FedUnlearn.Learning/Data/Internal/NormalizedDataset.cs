using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>A standardised view: features are normalised as they are gathered.</summary>
internal sealed class NormalizedDataset(IDataset source, FeatureNormalization normalization) : IDataset
{
    public string Name { get; } = $"{source.Name}/normalized";

    public int Count => source.Count;

    public IReadOnlyList<int> FeatureShape => source.FeatureShape;

    public int FeatureLength => source.FeatureLength;

    public int ClassCount => source.ClassCount;

    public IReadOnlyList<string>? ClassNames => source.ClassNames;

    public long GetId(int index) => source.GetId(index);

    public long GetLabel(int index) => source.GetLabel(index);

    public ReadOnlySpan<float> Features(int index)
    {
        var row = source.Features(index).ToArray();
        normalization.ApplyInPlace(row);
        return row;
    }

    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        source.Gather(indices, features, labels);
        normalization.ApplyInPlace(features[..(indices.Length * FeatureLength)]);
    }
}
