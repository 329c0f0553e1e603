using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Forget.Internal;
using FedUnlearn.Server.Rounds.Internal;

namespace FedUnlearn.Server.Tests.Forget.Internal;

/// <summary>Combining the clients' verification reports: sample-weighted, and the same whatever order they arrived in.</summary>
public sealed class VerificationReportsTests
{
    [Fact]
    public void Combine_WeightsEachFigureByTheSamplesItWasMeasuredOn()
    {
        EvaluationReport combined = VerificationReports.Combine([
            new("a", new EvaluationReport { ForgetSamples = 1, ForgetAccuracy = 1.0, TestSamples = 300, TestAccuracy = 0.5 }),
            new("b", new EvaluationReport { ForgetSamples = 3, ForgetAccuracy = 0.0, TestSamples = 100, TestAccuracy = 0.9 }),
        ]);

        Assert.Equal((4UL, 400UL), (combined.ForgetSamples, combined.TestSamples));
        Assert.Equal(0.25, combined.ForgetAccuracy, 12);
        Assert.Equal(0.6, combined.TestAccuracy, 12);
        Assert.False(combined.HasBackdoorSuccessRate);
    }

    [Fact]
    public void Combine_ReportsInAnyArrivalOrder_BitIdenticalFigures()
    {
        // Values whose double sums round differently in different orders.
        ClientEvaluation[] reports = [.. new[] { 0.1, 0.7, 1e-17, 0.2, 0.3 }.Select((accuracy, i) => new ClientEvaluation(
            "client-" + i, new EvaluationReport { TestSamples = (ulong)(7 + 13 * i), TestAccuracy = accuracy, ForgetSamples = 1, ForgetLoss = accuracy * 1e16 }))];
        EvaluationReport first = VerificationReports.Combine(reports);

        foreach (int seed in Enumerable.Range(0, 20))
        {
            ClientEvaluation[] shuffled = [.. reports];
            new Random(seed).Shuffle(shuffled);
            EvaluationReport again = VerificationReports.Combine(shuffled);
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.TestAccuracy), BitConverter.DoubleToInt64Bits(again.TestAccuracy));
            Assert.Equal(BitConverter.DoubleToInt64Bits(first.ForgetLoss), BitConverter.DoubleToInt64Bits(again.ForgetLoss));
        }
    }
}
