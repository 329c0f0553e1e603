using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs, accumulated batch by batch; the source of
/// <see cref="ClassificationReport"/>. Not thread-safe: give each evaluation loop its own.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classCount"/> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ClassCount = classCount;
        _counts = new int[classCount * classCount];
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>Samples added so far.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Samples of class <paramref name="trueClass"/> that were predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)trueClass, (uint)ClassCount, nameof(trueClass));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)predictedClass, (uint)ClassCount, nameof(predictedClass));
            return _counts[trueClass * ClassCount + predictedClass];
        }
    }

    /// <summary>Adds one batch of true labels and predicted classes.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a class index is outside [0, ClassCount).</exception>
    public void Add(ReadOnlySpan<int> labels, ReadOnlySpan<int> predicted)
    {
        MetricGuard.Labels(labels, labels.Length, ClassCount, nameof(labels));
        MetricGuard.Labels(predicted, labels.Length, ClassCount, nameof(predicted), "predictions");
        for (var i = 0; i < labels.Length; i++)
            _counts[labels[i] * ClassCount + predicted[i]]++;
        SampleCount += labels.Length;
    }

    /// <summary>Adds one batch given as row-major [n, ClassCount] logits; the prediction is their arg-max.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, a label is out of range, or a logit is not finite.</exception>
    public void AddLogits(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels) =>
        Add(labels, Logits.Predict(logits, ClassCount));

    /// <summary>Adds every count of <paramref name="other"/> (e.g. to pool the matrices of several clients).</summary>
    /// <exception cref="ArgumentException">The class counts differ.</exception>
    public void Add(ConfusionMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ClassCount != ClassCount)
            throw new ArgumentException($"Cannot add a {other.ClassCount}-class confusion matrix to a {ClassCount}-class one.", nameof(other));
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        SampleCount += other.SampleCount;
    }

    /// <summary>Overall and per-class accuracy of the samples added so far.</summary>
    /// <exception cref="InvalidOperationException">No sample has been added: accuracy is undefined.</exception>
    public ClassificationReport ToReport()
    {
        if (SampleCount == 0)
            throw new InvalidOperationException("No samples were added to the confusion matrix; accuracy of an empty set is undefined.");
        var perClass = new ClassAccuracy[ClassCount];
        for (var c = 0; c < ClassCount; c++)
        {
            var row = _counts.AsSpan(c * ClassCount, ClassCount);
            var total = 0;
            foreach (var n in row) total += n;
            perClass[c] = new ClassAccuracy(c, total, row[c]);
        }
        return new ClassificationReport(perClass);
    }
}
