namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Accuracy of a model on one evaluated set (forget, retain or test): overall and per class, with
/// the counts behind each figure so that reports from several clients can be pooled exactly.
/// </summary>
public sealed record ClassificationReport
{
    /// <summary>Builds a report from per-class counts (index = label).</summary>
    /// <exception cref="ArgumentException">The list is empty, a label does not match its index, counts are
    /// inconsistent, or the set holds no sample.</exception>
    public ClassificationReport(IReadOnlyList<ClassAccuracy> perClass)
    {
        ArgumentNullException.ThrowIfNull(perClass);
        if (perClass.Count == 0) throw new ArgumentException("A report needs at least one class.", nameof(perClass));
        int samples = 0, correct = 0;
        for (var c = 0; c < perClass.Count; c++)
        {
            var entry = perClass[c];
            if (entry.Label != c)
                throw new ArgumentException($"Entry {c} describes class {entry.Label}; entries must be ordered by label.", nameof(perClass));
            if (entry.SampleCount < 0 || entry.CorrectCount < 0 || entry.CorrectCount > entry.SampleCount)
                throw new ArgumentException($"Class {c} has {entry.CorrectCount} correct of {entry.SampleCount} samples.", nameof(perClass));
            samples += entry.SampleCount;
            correct += entry.CorrectCount;
        }
        if (samples == 0) throw new ArgumentException("The evaluated set holds no sample; accuracy is undefined.", nameof(perClass));
        PerClass = perClass;
        SampleCount = samples;
        CorrectCount = correct;
    }

    /// <summary>Samples evaluated.</summary>
    public int SampleCount { get; }

    /// <summary>Samples predicted correctly.</summary>
    public int CorrectCount { get; }

    /// <summary>Overall accuracy, CorrectCount / SampleCount.</summary>
    public double Accuracy => (double)CorrectCount / SampleCount;

    /// <summary>One entry per class, indexed by label; classes absent from the set have a null accuracy.</summary>
    public IReadOnlyList<ClassAccuracy> PerClass { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount => PerClass.Count;

    /// <summary>Accuracy from row-major [n, classCount] logits (prediction = arg-max) and true labels.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, a label is out of range, a logit is not finite, or n is 0.</exception>
    public static ClassificationReport FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classCount)
    {
        var matrix = new ConfusionMatrix(classCount);
        matrix.AddLogits(logits, labels);
        return FromMatrix(matrix, nameof(labels));
    }

    /// <summary>Accuracy from predicted classes and true labels.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a class index is out of range, or there is no sample.</exception>
    public static ClassificationReport FromPredictions(ReadOnlySpan<int> predicted, ReadOnlySpan<int> labels, int classCount)
    {
        var matrix = new ConfusionMatrix(classCount);
        matrix.Add(labels, predicted);
        return FromMatrix(matrix, nameof(labels));
    }

    /// <summary>Pools reports of disjoint sets (e.g. one per client) into the report of their union.</summary>
    /// <exception cref="ArgumentException">No report is given or their class counts differ.</exception>
    public static ClassificationReport Combine(IEnumerable<ClassificationReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        int[]? samples = null, correct = null;
        foreach (var report in reports)
        {
            samples ??= new int[report.ClassCount];
            correct ??= new int[report.ClassCount];
            if (report.ClassCount != samples.Length)
                throw new ArgumentException($"Cannot combine a {report.ClassCount}-class report with a {samples.Length}-class one.", nameof(reports));
            foreach (var entry in report.PerClass)
            {
                samples[entry.Label] += entry.SampleCount;
                correct[entry.Label] += entry.CorrectCount;
            }
        }
        if (samples is null || correct is null) throw new ArgumentException("No report to combine.", nameof(reports));
        var pooled = new ClassAccuracy[samples.Length];
        for (var c = 0; c < pooled.Length; c++)
            pooled[c] = new ClassAccuracy(c, samples[c], correct[c]);
        return new ClassificationReport(pooled);
    }

    private static ClassificationReport FromMatrix(ConfusionMatrix matrix, string paramName) =>
        matrix.SampleCount == 0
            ? throw new ArgumentException("No samples: accuracy of an empty set is undefined.", paramName)
            : matrix.ToReport();
}
