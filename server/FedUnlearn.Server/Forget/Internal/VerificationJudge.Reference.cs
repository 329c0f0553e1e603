using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Forget.Internal;

internal static partial class VerificationJudge
{
    /// <summary>
    /// Each figure the reference has and the tolerance names must be reported and within the tolerance
    /// of the reference's, either way. The gaps (method − reference) go to <paramref name="figures"/> as
    /// <c>reference_gap.*</c>, and the reference's values as <c>reference.*</c>, for status and the audit record.
    /// </summary>
    private static string? JudgeAgainst(VerificationReference reference, ReferenceTolerance tolerance, EvaluationReport after,
        IDictionary<string, double> figures)
    {
        (string Key, string Name, double? Reference, double? Tolerance, double? Value)[] checks =
        [
            ("forget_accuracy", "forget accuracy", reference.ForgetAccuracy, tolerance.ForgetAccuracy, after.HasForgetAccuracy ? after.ForgetAccuracy : null),
            ("backdoor_success_rate", "backdoor attack success rate", reference.BackdoorSuccessRate, tolerance.BackdoorSuccessRate,
                after.HasBackdoorSuccessRate ? after.BackdoorSuccessRate : null),
            ("test_accuracy", "test accuracy", reference.TestAccuracy, tolerance.TestAccuracy, after.HasTestAccuracy ? after.TestAccuracy : null),
            ("mia_loss_accuracy", "membership-inference accuracy", reference.MiaLossAccuracy, tolerance.MiaLossAccuracy,
                after.HasMiaLossAccuracy ? after.MiaLossAccuracy : null),
        ];
        string? failure = null;
        foreach ((string key, string name, double? expected, double? limit, double? value) in checks)
        {
            if (expected is not { } r) continue;
            figures["reference." + key] = r;
            if (value is { } v) figures["reference_gap." + key] = v - r;
            if (limit is not { } max || failure is not null) continue;
            if (value is not { } actual)
                failure = $"no client reported {name}, so it could not be compared with the reference's {F(r)}";
            else if (Math.Abs(actual - r) > max)
                failure = $"{name} {F(actual)} is {F(Math.Abs(actual - r))} from the reference's {F(r)}, more than the policy's tolerance {F(max)}";
        }

        return failure;
    }
}
