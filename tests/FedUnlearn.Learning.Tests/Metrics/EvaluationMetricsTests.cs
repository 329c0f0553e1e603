using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Tests.Metrics;

public class EvaluationMetricsTests
{
    [Fact]
    public void Accuracies_FromReports_NullWhenNotMeasured()
    {
        var metrics = new EvaluationMetrics
        {
            Forget = ClassificationReport.FromPredictions([0, 1, 1, 1], [0, 0, 0, 1], 2),
            Test = ClassificationReport.FromPredictions([1], [1], 2),
        };

        Assert.Equal(0.5, metrics.ForgetAccuracy);
        Assert.Null(metrics.RetainAccuracy);
        Assert.Equal(1.0, metrics.TestAccuracy);
        Assert.Null(metrics.MiaLoss);
    }
}
