using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds.Internal;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// Combines the clients' verification reports into one, each figure weighted by the samples it was
/// measured on: forget-set figures (accuracy, loss, MIA, backdoor) by forget samples, retain accuracy
/// by retain samples, test figures by test samples. A figure no client reported stays absent.
/// </summary>
internal static class VerificationReports
{
    public static EvaluationReport Combine(IReadOnlyList<ClientEvaluation> evaluations)
    {
        var sums = new Dictionary<string, (double Sum, double Weight)>(StringComparer.Ordinal);
        var perClass = new Dictionary<int, (double Sum, double Weight)>();
        var combined = new EvaluationReport();
        // In client order, not arrival order: double sums are not associative, and the combined figures (the verdict's
        // inputs, the audit record's) must not depend on which client reported first.
        foreach (EvaluationReport r in evaluations.OrderBy(e => e.ClientId, StringComparer.Ordinal).Select(e => e.Report))
        {
            combined.ForgetSamples += r.ForgetSamples;
            combined.RetainSamples += r.RetainSamples;
            combined.TestSamples += r.TestSamples;
            Add(sums, "forget_accuracy", r.HasForgetAccuracy, r.ForgetAccuracy, r.ForgetSamples);
            Add(sums, "forget_loss", r.HasForgetLoss, r.ForgetLoss, r.ForgetSamples);
            Add(sums, "mia_loss", r.HasMiaLossAccuracy, r.MiaLossAccuracy, r.ForgetSamples);
            Add(sums, "mia_entropy", r.HasMiaEntropyAccuracy, r.MiaEntropyAccuracy, r.ForgetSamples);
            Add(sums, "backdoor", r.HasBackdoorSuccessRate, r.BackdoorSuccessRate, r.ForgetSamples);
            Add(sums, "retain_accuracy", r.HasRetainAccuracy, r.RetainAccuracy, r.RetainSamples);
            Add(sums, "test_accuracy", r.HasTestAccuracy, r.TestAccuracy, r.TestSamples);
            Add(sums, "test_loss", r.HasTestLoss, r.TestLoss, r.TestSamples);
            foreach ((int label, double accuracy) in r.PerClassAccuracy)
                if (r.TestSamples > 0)
                {
                    (double sum, double weight) = perClass.GetValueOrDefault(label);
                    perClass[label] = (sum + accuracy * r.TestSamples, weight + r.TestSamples);
                }
        }

        if (Mean(sums, "forget_accuracy") is { } fa) combined.ForgetAccuracy = fa;
        if (Mean(sums, "forget_loss") is { } fl) combined.ForgetLoss = fl;
        if (Mean(sums, "mia_loss") is { } ml) combined.MiaLossAccuracy = ml;
        if (Mean(sums, "mia_entropy") is { } me) combined.MiaEntropyAccuracy = me;
        if (Mean(sums, "backdoor") is { } bd) combined.BackdoorSuccessRate = bd;
        if (Mean(sums, "retain_accuracy") is { } ra) combined.RetainAccuracy = ra;
        if (Mean(sums, "test_accuracy") is { } ta) combined.TestAccuracy = ta;
        if (Mean(sums, "test_loss") is { } tl) combined.TestLoss = tl;
        foreach ((int label, (double sum, double weight)) in perClass)
            combined.PerClassAccuracy[label] = sum / weight;
        return combined;
    }

    /// <summary>The report's figures by name, prefixed (e.g. <c>baseline.</c>), for status and the audit record.</summary>
    public static Dictionary<string, double> Figures(EvaluationReport r, string prefix, int reports)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [prefix + "reports"] = reports,
            [prefix + "forget_samples"] = r.ForgetSamples,
            [prefix + "retain_samples"] = r.RetainSamples,
            [prefix + "test_samples"] = r.TestSamples,
        };
        if (r.HasForgetAccuracy) figures[prefix + "forget_accuracy"] = r.ForgetAccuracy;
        if (r.HasRetainAccuracy) figures[prefix + "retain_accuracy"] = r.RetainAccuracy;
        if (r.HasTestAccuracy) figures[prefix + "test_accuracy"] = r.TestAccuracy;
        if (r.HasMiaLossAccuracy) figures[prefix + "mia_loss_accuracy"] = r.MiaLossAccuracy;
        if (r.HasMiaEntropyAccuracy) figures[prefix + "mia_entropy_accuracy"] = r.MiaEntropyAccuracy;
        if (r.HasBackdoorSuccessRate) figures[prefix + "backdoor_success_rate"] = r.BackdoorSuccessRate;
        if (r.HasForgetLoss) figures[prefix + "forget_loss"] = r.ForgetLoss;
        if (r.HasTestLoss) figures[prefix + "test_loss"] = r.TestLoss;
        return figures;
    }

    private static void Add(Dictionary<string, (double Sum, double Weight)> sums, string name, bool has, double value, ulong samples)
    {
        if (!has || samples == 0 || !double.IsFinite(value)) return;
        (double sum, double weight) = sums.GetValueOrDefault(name);
        sums[name] = (sum + value * samples, weight + samples);
    }

    private static double? Mean(Dictionary<string, (double Sum, double Weight)> sums, string name) =>
        sums.TryGetValue(name, out var s) && s.Weight > 0 ? s.Sum / s.Weight : null;
}
