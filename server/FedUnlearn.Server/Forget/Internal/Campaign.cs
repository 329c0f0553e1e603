using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// One forget request's campaign, from wherever the store says it is: start (hashes before, a
/// baseline evaluation when the policy needs one), the campaign itself (unlearning rounds, or for a
/// leaving client its removal from the stored history and repair rounds), verification, then the
/// final audit record and state. Every step is persisted before the next begins, so a restarted
/// server resumes at the step it was in: committed campaign rounds are kept, the interrupted one
/// is run again from the latest committed version.
/// </summary>
internal sealed partial class Campaign(ForgetContext context, ForgetRequestRecord request)
{
    private string? _lastNote;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ForgetRequestRecord r = request;
        if (r.Outcome is not null)
        {
            // Decided before a restart: the final audit record may already be written.
            await FinishAsync(r, resumed: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (r.State == ForgetRequestState.Accepted) r = await StartAsync(r, cancellationToken).ConfigureAwait(false);
        if (r.State == ForgetRequestState.Running)
        {
            if (r.Scope == ForgetScopeKind.Client) await PrepareClientRemovalAsync(r, cancellationToken).ConfigureAwait(false);
            if (context.Options.Verification.NeedsBaseline && r.Baseline is null && r.StepVersion is null && r.RoundsCompleted == 0)
                r = await MeasureBaselineAsync(r, cancellationToken).ConfigureAwait(false);
            if (r.Outcome is null && context.Runner.Sharding is not null)
                r = await RetrainShardAsync(r, cancellationToken).ConfigureAwait(false);
            else if (r.Outcome is null)
                r = r.Scope == ForgetScopeKind.Client
                    ? await RemoveClientAsync(r, cancellationToken).ConfigureAwait(false)
                    : await UnlearnAsync(r, cancellationToken).ConfigureAwait(false);
            if (r.Outcome is null)
                r = await SaveAsync(r with
                {
                    State = ForgetRequestState.Verifying,
                    VerifyingAt = context.Time.GetUtcNow(),
                    Attempts = 0,
                }, cancellationToken).ConfigureAwait(false);
        }

        if (r.Outcome is null) r = await VerifyAsync(r, cancellationToken).ConfigureAwait(false);
        await FinishAsync(r, resumed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the failure and finishes (audit record, final state).</summary>
    public async Task FailAndFinishAsync(ForgetRequestRecord r, string reason, CancellationToken cancellationToken)
    {
        if (r.IsFinal) return;
        r = await FailAsync(r, reason, cancellationToken).ConfigureAwait(false);
        await FinishAsync(r, resumed: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ForgetRequestRecord> StartAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        GlobalVersionRecord version = context.Runner.GlobalVersion!;
        ForgetLog.Transition(context.Logger, r.TicketId, "running");
        return await SaveAsync(r with
        {
            State = ForgetRequestState.Running,
            RunningAt = context.Time.GetUtcNow(),
            VersionBefore = version.Version,
            HashBefore = version.ContentHash,
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task<ForgetRequestRecord> FailAsync(ForgetRequestRecord r, string reason, CancellationToken cancellationToken) =>
        SaveAsync(r with { Outcome = ForgetRequestState.Failed, FailureReason = reason }, cancellationToken);

    /// <summary>
    /// The outcome is saved first, then the audit record appended, then the final state saved: a
    /// crash in between re-appends only if the log does not hold the record yet.
    /// </summary>
    private async Task FinishAsync(ForgetRequestRecord r, bool resumed, CancellationToken cancellationToken)
    {
        GlobalVersionRecord version = context.Runner.GlobalVersion!;
        if (r.HashAfter is null) r = await SaveAsync(r with { VersionAfter = version.Version, HashAfter = version.ContentHash }, cancellationToken).ConfigureAwait(false);
        ForgetRequestState outcome = r.Outcome!.Value;
        string kind = outcome == ForgetRequestState.Completed ? AuditKinds.ForgetCompleted : AuditKinds.ForgetFailed;
        DateTimeOffset finished = r.FinishedAt ?? context.Time.GetUtcNow();
        r = await SaveAsync(r with { FinishedAt = finished }, cancellationToken).ConfigureAwait(false);
        if (!resumed || !await AuditedAsync(r.TicketId, cancellationToken).ConfigureAwait(false))
            await context.Audit.AppendAsync(kind, r.TicketId, ForgetAudit.Finished(r, finished), CancellationToken.None).ConfigureAwait(false);
        await SaveAsync(r with { State = outcome }, CancellationToken.None).ConfigureAwait(false);
        if (outcome == ForgetRequestState.Completed) ForgetLog.Completed(context.Logger, r.TicketId, r.RoundsCompleted);
        else ForgetLog.Failed(context.Logger, r.TicketId, r.FailureReason ?? "");
    }

    private async Task<bool> AuditedAsync(string ticketId, CancellationToken cancellationToken)
    {
        await foreach (AuditRecord record in context.Audit.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            if (record.TicketId == ticketId && record.Kind is AuditKinds.ForgetCompleted or AuditKinds.ForgetFailed) return true;
        return false;
    }

    private Task<ForgetRequestRecord> SaveAsync(ForgetRequestRecord r, CancellationToken cancellationToken) =>
        context.Store.UpdateForgetRequestAsync(r, cancellationToken);
}
