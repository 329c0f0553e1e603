using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Google.Protobuf;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    /// <summary>The pre-campaign evaluation the utility check compares against.</summary>
    private async Task<ForgetRequestRecord> MeasureBaselineAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        (EvaluationReport? report, int reports, string? failure) = await EvaluateAsync(r, cancellationToken).ConfigureAwait(false);
        if (report is null) return await FailAsync(r, $"pre-campaign evaluation: {failure}", cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(r.Metrics);
        foreach ((string name, double value) in VerificationReports.Figures(report, "baseline.", reports)) metrics[name] = value;
        return await SaveAsync(r with { Baseline = report.ToByteArray(), Metrics = metrics }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evaluates the corrected model on the clients and applies the policy: the outcome is decided here.</summary>
    private async Task<ForgetRequestRecord> VerifyAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        ForgetLog.Transition(context.Logger, r.TicketId, "verifying");
        (EvaluationReport? report, int reports, string? failure) = await EvaluateAsync(r, cancellationToken).ConfigureAwait(false);
        if (report is null) return await FailAsync(r, $"verification: {failure}", cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(r.Metrics);
        foreach ((string name, double value) in VerificationReports.Figures(report, "", reports)) metrics[name] = value;
        EvaluationReport? baseline = r.Baseline is { } bytes ? EvaluationReport.Parser.ParseFrom(bytes) : null;
        string? reason = VerificationJudge.Judge(context.Options.Verification, r, report, baseline, metrics);
        return await SaveAsync(r with
        {
            Verification = report.ToByteArray(),
            Metrics = metrics,
            Outcome = reason is null ? ForgetRequestState.Completed : ForgetRequestState.Failed,
            FailureReason = reason is null ? null : $"verification failed: {reason}",
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An evaluation round on every online client; retried when abandoned, up to the attempt limit.</summary>
    private async Task<(EvaluationReport? Report, int Reports, string? Failure)> EvaluateAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        VerificationPolicy policy = context.Options.Verification;
        string? note = null;
        for (int attempt = 0; attempt < context.Options.MaxRoundAttempts; attempt++)
        {
            await WaitForClientsAsync(cancellationToken).ConfigureAwait(false);
            RoundResult result = await context.Runner.RunRoundAsync(new RoundPlan
            {
                RoundKind = TaskKind.Evaluate,
                TaskKind = TaskKind.Evaluate,
                TicketId = r.TicketId,
                Select = static (_, online) => [.. online.Select(c => c.ClientId)],
                Describe = (task, _) => task.Evaluate = new EvaluateTask
                {
                    TicketId = r.TicketId,
                    Scope = ForgetStatusMapping.Scope(r),
                    MembershipInference = policy.MembershipInference,
                    MaxSamples = policy.MaxSamples,
                },
                MinUpdates = policy.MinReports,
                Seed = Seed(r, 0),
            }, cancellationToken).ConfigureAwait(false);
            if (result.Summary.Outcome == RoundOutcome.Evaluated)
                return (VerificationReports.Combine(result.Evaluations), result.Evaluations.Count, null);
            note = $"round {result.Summary.Round}: {result.Summary.Note}";
        }

        return (null, 0, $"{context.Options.MaxRoundAttempts} evaluation round(s) were abandoned; the last: {note}");
    }
}
