using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Tests.Metrics;

public class ClassificationReportTests
{
    // Six samples, four classes (class 3 absent). Predictions (arg-max): 0, 1, 1, 2, 0, 2.
    private static readonly float[] s_logits =
    [
        5f, 1f, 0f, 0f,
        0f, 2f, 1f, 0f,
        0f, 3f, 0f, 0f,
        0f, 0f, 9f, 0f,
        4f, 0f, 3f, 0f,
        1f, 0f, 2f, 0f,
    ];
    private static readonly int[] s_labels = [0, 1, 0, 2, 2, 2];

    [Fact]
    public void FromLogits_HandBuiltLogits_OverallAndPerClassAccuracy()
    {
        var report = ClassificationReport.FromLogits(s_logits, s_labels, 4);

        Assert.Equal(6, report.SampleCount);
        Assert.Equal(4, report.CorrectCount);
        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        Assert.Equal(new ClassAccuracy(0, 2, 1), report.PerClass[0]);
        Assert.Equal(1.0, report.PerClass[1].Accuracy);
        Assert.Equal(2.0 / 3, report.PerClass[2].Accuracy!.Value, 12);
        Assert.Equal(0, report.PerClass[3].SampleCount);
        Assert.Null(report.PerClass[3].Accuracy);
    }

    [Fact]
    public void ConfusionMatrix_Batches_CountsPairs()
    {
        var matrix = new ConfusionMatrix(4);
        matrix.AddLogits(s_logits.AsSpan(0, 12), s_labels.AsSpan(0, 3));
        matrix.AddLogits(s_logits.AsSpan(12), s_labels.AsSpan(3));

        Assert.Equal(6, matrix.SampleCount);
        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(2, matrix[2, 2]);
        Assert.Equal(0, matrix[2, 1]);
        Assert.Equal(ClassificationReport.FromLogits(s_logits, s_labels, 4).PerClass, matrix.ToReport().PerClass);
    }

    [Fact]
    public void Combine_TwoClients_EqualsReportOfUnion()
    {
        var a = ClassificationReport.FromPredictions([0, 1, 1], [0, 1, 0], 3);
        var b = ClassificationReport.FromPredictions([2, 2, 0, 2], [2, 2, 2, 1], 3);

        var pooled = ClassificationReport.Combine([a, b]);

        Assert.Equal(7, pooled.SampleCount);
        Assert.Equal(4, pooled.CorrectCount);
        Assert.Equal(new ClassAccuracy(0, 2, 1), pooled.PerClass[0]);
        Assert.Equal(new ClassAccuracy(1, 2, 1), pooled.PerClass[1]);
        Assert.Equal(new ClassAccuracy(2, 3, 2), pooled.PerClass[2]);
    }

    [Fact]
    public void Combine_DifferentClassCounts_Throws()
    {
        var a = ClassificationReport.FromPredictions([0], [0], 2);
        var b = ClassificationReport.FromPredictions([0], [0], 3);

        Assert.Throws<ArgumentException>(() => ClassificationReport.Combine([a, b]));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Combine([]));
    }

    [Fact]
    public void FromPredictions_EmptyOrMismatched_Throws()
    {
        var empty = Assert.Throws<ArgumentException>(() => ClassificationReport.FromPredictions([], [], 3));
        Assert.Contains("empty", empty.Message);
        Assert.Throws<ArgumentException>(() => ClassificationReport.FromPredictions([0, 1], [0], 3));
        Assert.Throws<ArgumentException>(() => ClassificationReport.FromPredictions([3], [0], 3));
        Assert.Throws<InvalidOperationException>(() => new ConfusionMatrix(3).ToReport());
    }
}
