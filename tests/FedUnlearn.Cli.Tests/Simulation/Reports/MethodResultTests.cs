using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public class MethodResultTests
{
    private static EvaluationMetrics Metrics() => new()
    {
        Forget = new([new(0, 0, 0), new(1, 0, 0), new(2, 0, 0), new(3, 40, 2)]),
        Retain = new([new(0, 100, 90)]),
        Test = new([new(0, 50, 45), new(1, 0, 0), new(2, 0, 0), new(3, 50, 1)]),
        MiaLoss = new(MembershipInference.LossFeature, 0.55, [0.5, 0.6], 40, 40),
        Backdoor = new(0, 50, 5),
        ActivationDistance = 0.125,
        JensenShannon = 0.01,
        WallTime = TimeSpan.FromSeconds(3.5),
        BytesSent = 4096,
    };

    [Fact]
    public void FromMetrics_CopiesEveryFigure()
    {
        var m = MethodResult.FromMetrics("rfa (λ=2)", "rfa", Metrics(), rounds: 2);
        Assert.Equal(("rfa (λ=2)", "rfa", 2, false), (m.Method, m.Name, m.Rounds, m.IsReference));
        Assert.Equal((0.05, 0.9, 0.46), (m.ForgetAccuracy, m.RetainAccuracy, m.TestAccuracy));
        Assert.Equal([0.9, null, null, 0.02], m.PerClassTestAccuracy!);
        Assert.Equal((0.55, (double?)null, 0.1), (m.MiaLoss, m.MiaEntropy, m.AttackSuccessRate));
        Assert.Equal((0.125, 0.01, 3.5, 4096L), (m.ActivationDistance, m.JensenShannon, m.WallTimeSeconds, m.BytesSent));
    }

    [Fact]
    public void FromMetrics_Reference_HasNoDistanceToItself()
    {
        var m = MethodResult.FromMetrics("retrain", "retrain", Metrics(), rounds: 5, isReference: true);
        Assert.True(m.IsReference);
        Assert.Null(m.ActivationDistance);
        Assert.Null(m.JensenShannon);
    }
}
