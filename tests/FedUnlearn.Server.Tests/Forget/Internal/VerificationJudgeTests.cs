using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Forget.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Tests.Forget.Internal;

public sealed class VerificationJudgeTests
{
    private static readonly ForgetRequestRecord ClassRequest = new()
    {
        TicketId = "fgt-000001", KeyHash = "k", Scope = ForgetScopeKind.Class, ClassLabel = 3, Method = "rfa",
    };

    private static readonly VerificationReference Retrained = new()
    {
        TestAccuracy = 0.80, ForgetAccuracy = 0.02, MiaLossAccuracy = 0.50, BackdoorSuccessRate = 0.04,
    };

    private static EvaluationReport Report(double test, double forget, double mia, double? backdoor = null)
    {
        var report = new EvaluationReport { TestAccuracy = test, ForgetAccuracy = forget, MiaLossAccuracy = mia, TestSamples = 100, ForgetSamples = 10 };
        if (backdoor is { } b) report.BackdoorSuccessRate = b;
        return report;
    }

    [Fact]
    public void Judge_WithinToleranceOfReference_PassesAndRecordsGaps()
    {
        var policy = new VerificationPolicy { Reference = Retrained };
        var figures = new Dictionary<string, double>();

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.79, 0.05, 0.53, 0.05), null, figures);

        Assert.Null(reason);
        Assert.Equal(-0.01, figures["reference_gap.test_accuracy"], 12);
        Assert.Equal(0.03, figures["reference_gap.forget_accuracy"], 12);
        Assert.Equal(0.01, figures["reference_gap.backdoor_success_rate"], 12);
        Assert.Equal(0.80, figures["reference.test_accuracy"], 12);
    }

    [Fact]
    public void Judge_ForgetAccuracyAboveReferenceTolerance_FailsNamingTheGap()
    {
        // 0.09 would pass the default absolute class threshold (0.1); against retraining's 0.02 it is 0.07 off.
        var policy = new VerificationPolicy { Reference = Retrained };

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.80, 0.09, 0.50), null, new Dictionary<string, double>());

        Assert.Equal("forget accuracy 0.09 is 0.07 from the reference's 0.02, more than the policy's tolerance 0.05", reason);
    }

    [Fact]
    public void Judge_TestAccuracyFarBelowReference_Fails()
    {
        var policy = new VerificationPolicy { Reference = Retrained };

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.70, 0.02, 0.50, 0.04), null, new Dictionary<string, double>());

        Assert.Equal("test accuracy 0.7 is 0.1 from the reference's 0.8, more than the policy's tolerance 0.015", reason);
    }

    [Fact]
    public void Judge_ForgetAccuracyFarBelowReference_FailsBothWays()
    {
        var policy = new VerificationPolicy { Reference = Retrained with { ForgetAccuracy = 0.90 } };

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.80, 0.30, 0.50), null, new Dictionary<string, double>());

        Assert.StartsWith("forget accuracy 0.3 is 0.6 from the reference's 0.9", reason);
    }

    [Fact]
    public void Judge_ReferenceFigureNotReported_FailsRatherThanPassing()
    {
        var policy = new VerificationPolicy { Reference = Retrained };

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.80, 0.02, 0.50), null, new Dictionary<string, double>());

        Assert.Equal("no client reported backdoor attack success rate, so it could not be compared with the reference's 0.04", reason);
    }

    [Fact]
    public void Judge_ToleranceNull_SkipsThatFigure()
    {
        var policy = new VerificationPolicy { Reference = Retrained, ReferenceTolerance = { BackdoorSuccessRate = null, TestAccuracy = null } };

        Assert.Null(VerificationJudge.Judge(policy, ClassRequest, Report(0.60, 0.02, 0.50), null, new Dictionary<string, double>()));
    }

    [Fact]
    public void Judge_NoReference_AppliesAbsoluteThresholds()
    {
        var policy = new VerificationPolicy();

        string? reason = VerificationJudge.Judge(policy, ClassRequest, Report(0.80, 0.20, 0.50), null, new Dictionary<string, double>());

        Assert.Equal("forget accuracy 0.2 is above the policy's maximum 0.1", reason);
        Assert.True(policy.NeedsBaseline);
        Assert.False(new VerificationPolicy { Reference = Retrained }.NeedsBaseline);
    }

    [Fact]
    public void FromReport_CopiesReportedFiguresOnly()
    {
        var reference = VerificationReference.FromReport(new EvaluationReport { TestAccuracy = 0.8, ForgetAccuracy = 0.1 });

        Assert.Equal((0.8, 0.1, (double?)null, (double?)null),
            (reference.TestAccuracy!.Value, reference.ForgetAccuracy!.Value, reference.MiaLossAccuracy, reference.BackdoorSuccessRate));
    }

    [Fact]
    public void Validate_ToleranceOutOfRange_Throws()
    {
        var options = new ForgetOptions { Verification = new VerificationPolicy { ReferenceTolerance = { TestAccuracy = 1.5 } } };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal("TestAccuracy", error.ParamName);
    }
}
