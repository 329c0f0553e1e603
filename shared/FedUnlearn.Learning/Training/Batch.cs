using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// One batch as tensors on the model's device: features <c>[n, ...FeatureShape]</c> (float32) and labels
/// <c>[n]</c> (int64), plus the samples' ids. The tensors belong to the dispose scope that was current
/// when the batch was loaded (the step's scope in a <see cref="TrainingLoop"/>); <see cref="Ids"/> and
/// <see cref="LabelValues"/> are valid until the stream loads its next batch (copy them to keep them).
/// </summary>
public sealed class Batch
{
    internal Batch(Tensor features, Tensor labels, ReadOnlyMemory<long> labelValues, ReadOnlyMemory<long> ids)
    {
        Features = features;
        Labels = labels;
        LabelValues = labelValues;
        Ids = ids;
    }

    /// <summary>Features, <c>[n, ...FeatureShape]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>Class labels, int64 <c>[n]</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>The labels as host values (no device round trip), in batch order; valid like <see cref="Ids"/>.</summary>
    public ReadOnlyMemory<long> LabelValues { get; }

    /// <summary>The stable ids of the samples, in batch order.</summary>
    public ReadOnlyMemory<long> Ids { get; }

    /// <summary>Number of samples n.</summary>
    public int Count => Ids.Length;
}
