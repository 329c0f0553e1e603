using System.Globalization;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    /// <summary>
    /// The leaving client is removed first (its token revoked, its task streams closed with a final
    /// Shutdown), so it takes no part in anything that follows. Repeated on resume: revocation lives
    /// in the store, the token cache and the sessions are per process.
    /// </summary>
    private async Task PrepareClientRemovalAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        ClientRecord target = await context.Store.FindClientByNameAsync(r.TargetClient!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The leaving client '{r.TargetClient}' is not in the store.");
        ClientRecord removed = await context.Store.RemoveClientAsync(target.Id, cancellationToken).ConfigureAwait(false);
        context.RevokeToken(target.Id);
        context.Runner.Sessions.Find(target.Name)?.Close(new ClientTask
        {
            Shutdown = new Shutdown { Reason = $"removed from the federation (forget request {r.TicketId})", MayReconnect = false },
        });
        if (target.RemovedAt is null)
            await context.Audit.AppendAsync(AuditKinds.ClientRemoved, r.TicketId, new AuditBody
            {
                Fields = new Dictionary<string, string>
                {
                    ["client_id"] = target.Name,
                    ["removed_at"] = removed.RemovedAt!.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                },
            }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the client's contributions from the stored history (exact over the stored deltas) or,
    /// when the history cannot be replayed or the request named retrain, retrains from a re-initialised adapter;
    /// then ordinary training rounds with the remaining clients repair the model.
    /// </summary>
    private async Task<ForgetRequestRecord> RemoveClientAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        if (r.StepVersion is null)
        {
            ClientRecord target = (await context.Store.FindClientByNameAsync(r.TargetClient!, cancellationToken).ConfigureAwait(false))!;
            bool retrain = r.Method == ForgetMethods.Retrain;
            ReplayOutcome outcome = retrain
                ? new ReplayOutcome(null, 0, 0, "retraining without the client was requested")
                : await DeltaReplay.RemoveAsync(context.Store, context.Runner.CreateAggregator, target.Id, cancellationToken).ConfigureAwait(false);
            var fields = new Dictionary<string, string>(r.Fields);
            var metrics = new Dictionary<string, double>(r.Metrics)
            {
                ["removal.rounds_replayed"] = outcome.RoundsReplayed,
                ["removal.rounds_affected"] = outcome.RoundsAffected,
            };
            long step;
            int planned = r.RoundsPlanned;
            if (outcome.Corrected is { } corrected)
            {
                fields["removal"] = "recomputed";
                step = (await context.Runner.CommitServerSideAsync(TaskKind.Unlearn, r.TicketId, corrected,
                    $"client '{target.Name}' removed from {outcome.RoundsAffected} of {outcome.RoundsReplayed} replayed round(s)", cancellationToken).ConfigureAwait(false)).Version;
            }
            else if (outcome.NothingToRemove)
            {
                fields["removal"] = "nothing-to-remove";
                step = context.Runner.GlobalVersion!.Version;
            }
            else
            {
                fields["removal"] = retrain ? "retrain" : "retrain-fallback";
                if (!retrain) fields["removal_fallback_reason"] = outcome.FallbackReason!;
                var global = await context.Store.LoadGlobalAsync(context.Runner.GlobalVersion!.Version, cancellationToken).ConfigureAwait(false);
                step = (await context.Runner.CommitServerSideAsync(TaskKind.Unlearn, r.TicketId, LoraReset.Reinitialize(global, Seed(r, 0)),
                    retrain ? "adapter re-initialised for retraining without the client" : "adapter re-initialised: the stored history cannot remove the client exactly", cancellationToken).ConfigureAwait(false)).Version;
                int retrainRounds = context.Options.Methods.TryGetValue(ForgetMethods.Retrain, out ForgetMethodSettings? s) ? s.Rounds : 1;
                planned = Math.Max(planned, retrainRounds);
            }

            ForgetLog.ClientRemoved(context.Logger, target.Name, r.TicketId, outcome.FallbackReason is null || retrain ? fields["removal"] : $"retrain fallback: {outcome.FallbackReason}");
            r = await SaveAsync(r with { StepVersion = step, Fields = fields, Metrics = metrics, RoundsPlanned = planned }, cancellationToken).ConfigureAwait(false);
        }

        // Every remaining online client repairs (the strategy's MinClients may count the client that left).
        return await RunRoundsAsync(r, current => RepairPlan(current, hyperParameters: null), cancellationToken).ConfigureAwait(false);
    }
}
