using System.Globalization;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// Applies the <see cref="VerificationPolicy"/> to the aggregated verification; the first violated rule is the failure reason.
/// With a reference the figures are judged by their distance to it, otherwise by the absolute thresholds.
/// </summary>
internal static partial class VerificationJudge
{
    /// <summary>Null when the request passes; otherwise why not. <paramref name="figures"/> receives derived figures (the accuracy drop).</summary>
    public static string? Judge(VerificationPolicy policy, ForgetRequestRecord request, EvaluationReport after, EvaluationReport? before,
        IDictionary<string, double> figures)
    {
        if (policy.Reference is { } reference) return JudgeAgainst(reference, policy.ReferenceTolerance, after, figures);
        double? maxForget = request.Scope switch
        {
            ForgetScopeKind.Class => policy.MaxClassForgetAccuracy,
            ForgetScopeKind.Samples => policy.MaxSampleForgetAccuracy,
            _ => null,
        };
        if (maxForget is { } limit)
        {
            if (!after.HasForgetAccuracy)
                return "no client reported accuracy on the forgotten data, so forgetting could not be verified";
            if (after.ForgetAccuracy > limit)
                return $"forget accuracy {F(after.ForgetAccuracy)} is above the policy's maximum {F(limit)}";
        }

        if (policy.MaxMiaAccuracy is { } maxMia && after.HasMiaLossAccuracy && after.MiaLossAccuracy > maxMia)
            return $"membership-inference accuracy {F(after.MiaLossAccuracy)} is above the policy's maximum {F(maxMia)}";

        if (policy.MaxTestAccuracyDrop is { } maxDrop && before is not null)
        {
            (double? b, double? a) = Utility(before, after, request);
            if (b is null || a is null)
                return "test accuracy was not reported before and after the campaign, so the utility drop could not be checked";
            double drop = b.Value - a.Value;
            figures["test_accuracy_drop"] = drop;
            if (drop > maxDrop)
                return $"test accuracy dropped by {F(drop)} (from {F(b.Value)} to {F(a.Value)}), more than the policy's {F(maxDrop)}";
        }

        return null;
    }

    /// <summary>Test accuracy before and after; for class scope the mean accuracy of the other classes when both report per-class figures.</summary>
    private static (double? Before, double? After) Utility(EvaluationReport before, EvaluationReport after, ForgetRequestRecord request)
    {
        if (request.Scope == ForgetScopeKind.Class)
        {
            int[] labels = [.. before.PerClassAccuracy.Keys.Intersect(after.PerClassAccuracy.Keys).Where(l => l != request.ClassLabel).Order()];
            if (labels.Length > 0)
                return (labels.Average(l => before.PerClassAccuracy[l]), labels.Average(l => after.PerClassAccuracy[l]));
        }

        return (before.HasTestAccuracy ? before.TestAccuracy : null, after.HasTestAccuracy ? after.TestAccuracy : null);
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
