using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>A view in which flagged samples carry a trigger and, when poisoned, a target label.</summary>
internal sealed class TriggeredDataset(IDataset source, BackdoorTrigger trigger, bool[] stamped, long? targetLabel, string name) : IDataset
{
    public string Name => name;

    public int Count => source.Count;

    public IReadOnlyList<int> FeatureShape => source.FeatureShape;

    public int FeatureLength => source.FeatureLength;

    public int ClassCount => source.ClassCount;

    public IReadOnlyList<string>? ClassNames => source.ClassNames;

    public long GetId(int index) => source.GetId(index);

    public long GetLabel(int index) => stamped[index] && targetLabel is { } target ? target : source.GetLabel(index);

    public ReadOnlySpan<float> Features(int index)
    {
        if (!stamped[index]) return source.Features(index);
        var row = source.Features(index).ToArray();
        trigger.Stamp(row, FeatureShape);
        return row;
    }

    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        source.Gather(indices, features, labels);
        var length = FeatureLength;
        for (var i = 0; i < indices.Length; i++)
        {
            if (!stamped[indices[i]]) continue;
            trigger.Stamp(features.Slice(i * length, length), FeatureShape);
            if (targetLabel is { } target) labels[i] = target;
        }
    }
}
