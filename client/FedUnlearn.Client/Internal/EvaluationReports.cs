using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Client.Internal;

/// <summary>Turns the learner's local measurements into the aggregates the server may see (no per-sample data).</summary>
internal static class EvaluationReports
{
    public static EvaluationReport From(EvaluationMetrics metrics)
    {
        var report = new EvaluationReport();
        if (metrics.Forget is { } forget)
        {
            report.ForgetAccuracy = forget.Accuracy;
            report.ForgetSamples = (ulong)forget.SampleCount;
        }

        if (metrics.Retain is { } retain)
        {
            report.RetainAccuracy = retain.Accuracy;
            report.RetainSamples = (ulong)retain.SampleCount;
        }

        if (metrics.Test is { } test)
        {
            report.TestAccuracy = test.Accuracy;
            report.TestSamples = (ulong)test.SampleCount;
            foreach (var c in test.PerClass)
            {
                if (c.SampleCount > 0) report.PerClassAccuracy[c.Label] = (double)c.CorrectCount / c.SampleCount;
            }
        }

        if (metrics.MiaLoss is { } miaLoss) report.MiaLossAccuracy = miaLoss.Accuracy;
        if (metrics.MiaEntropy is { } miaEntropy) report.MiaEntropyAccuracy = miaEntropy.Accuracy;
        if (metrics.Backdoor is { EligibleCount: > 0 } backdoor) report.BackdoorSuccessRate = backdoor.SuccessRate;
        return report;
    }
}
