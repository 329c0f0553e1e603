using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds.Internal;

namespace FedUnlearn.Server.Endpoints;

internal sealed partial class FederationEndpoint
{
    /// <summary>An evaluation task's result: a report of aggregates and no payload, checked before it counts.</summary>
    private static async Task<Verdict> OfferReportAsync(ActiveRound round, SubmitUpdateHeader header, CancellationToken cancellationToken)
    {
        if (DescribeReportProblem(header, round) is { } problem)
            return await round.RejectAsync(header.TaskId, problem).ConfigureAwait(false);
        return await round.OfferReportAsync(header.TaskId, header.Evaluation, cancellationToken).ConfigureAwait(false);
    }

    private static string? DescribeReportProblem(SubmitUpdateHeader header, ActiveRound round)
    {
        if (header.Evaluation is not { } report) return "an evaluation task needs an evaluation report";
        if (header.Payload is not null) return "an evaluation result carries no adapter payload";
        if (header.BaseVersion != (ulong)round.Context.GlobalVersion)
            return $"the report evaluated version {header.BaseVersion}, but the task's version is {round.Context.GlobalVersion}";
        (string Name, bool Has, double Value)[] fractions =
        [
            ("forget_accuracy", report.HasForgetAccuracy, report.ForgetAccuracy),
            ("retain_accuracy", report.HasRetainAccuracy, report.RetainAccuracy),
            ("test_accuracy", report.HasTestAccuracy, report.TestAccuracy),
            ("mia_loss_accuracy", report.HasMiaLossAccuracy, report.MiaLossAccuracy),
            ("mia_entropy_accuracy", report.HasMiaEntropyAccuracy, report.MiaEntropyAccuracy),
            ("backdoor_success_rate", report.HasBackdoorSuccessRate, report.BackdoorSuccessRate),
        ];
        foreach ((string name, bool has, double value) in fractions)
            if (has && !(value >= 0 && value <= 1))
                return $"{name} is {value}; a fraction in [0, 1] was expected";
        foreach ((int label, double value) in report.PerClassAccuracy)
            if (!(value >= 0 && value <= 1))
                return $"per_class_accuracy[{label}] is {value}; a fraction in [0, 1] was expected";
        if ((report.HasForgetLoss && !(report.ForgetLoss >= 0)) || (report.HasTestLoss && !(report.TestLoss >= 0)))
            return "a loss is negative or not a number";
        return null;
    }
}
