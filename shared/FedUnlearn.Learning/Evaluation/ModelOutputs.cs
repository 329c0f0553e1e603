using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Evaluation;

/// <summary>
/// A model's outputs on every sample of a dataset, as plain arrays in dataset order: logits
/// (row-major [n, classes]), labels, ids and, when asked for, penultimate features ([n, dim]). The
/// metric functions of <see cref="Metrics"/> take these arrays directly.
/// </summary>
public sealed class ModelOutputs
{
    internal ModelOutputs(int classCount, float[] logits, int[] labels, long[] ids, float[]? features, int featureDim)
    {
        ClassCount = classCount;
        Logits = logits;
        Labels = labels;
        Ids = ids;
        Features = features;
        FeatureDim = featureDim;
    }

    /// <summary>Number of samples n.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of classes (logits per sample).</summary>
    public int ClassCount { get; }

    /// <summary>Logits, row-major [n, <see cref="ClassCount"/>].</summary>
    public float[] Logits { get; }

    /// <summary>True labels.</summary>
    public int[] Labels { get; }

    /// <summary>Sample ids.</summary>
    public long[] Ids { get; }

    /// <summary>Penultimate features, row-major [n, <see cref="FeatureDim"/>], or null when not requested.</summary>
    public float[]? Features { get; }

    /// <summary>Width of <see cref="Features"/> (the model's feature dimension).</summary>
    public int FeatureDim { get; }

    /// <summary>Accuracy overall and per class.</summary>
    /// <exception cref="ArgumentException">There is no sample.</exception>
    public ClassificationReport Report() => ClassificationReport.FromLogits(Logits, Labels, ClassCount);

    /// <summary>Per-sample cross-entropy loss in nats.</summary>
    public double[] CrossEntropy() => Metrics.Logits.CrossEntropy(Logits, Labels, ClassCount);

    /// <summary>Mean cross-entropy loss (NaN when there is no sample).</summary>
    public double MeanCrossEntropy() => Count == 0 ? double.NaN : CrossEntropy().Average();

    /// <summary>Per-sample prediction entropy in nats.</summary>
    public double[] Entropy() => Metrics.Logits.Entropy(Logits, ClassCount);

    /// <summary>Softmax probabilities, row-major [n, classes].</summary>
    public float[] Probabilities() => Metrics.Logits.Softmax(Logits, ClassCount);

    /// <summary>The outputs of the samples whose label satisfies <paramref name="keep"/> (e.g. one class), in order.</summary>
    public ModelOutputs WhereLabel(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var rows = Enumerable.Range(0, Count).Where(i => keep(Labels[i])).ToArray();
        var logits = new float[rows.Length * ClassCount];
        var features = Features is null ? null : new float[rows.Length * FeatureDim];
        for (var r = 0; r < rows.Length; r++)
        {
            Logits.AsSpan(rows[r] * ClassCount, ClassCount).CopyTo(logits.AsSpan(r * ClassCount));
            Features?.AsSpan(rows[r] * FeatureDim, FeatureDim).CopyTo(features.AsSpan(r * FeatureDim));
        }

        return new ModelOutputs(ClassCount, logits, [.. rows.Select(i => Labels[i])], [.. rows.Select(i => Ids[i])], features, FeatureDim);
    }
}
