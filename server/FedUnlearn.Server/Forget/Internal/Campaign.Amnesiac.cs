using System.Globalization;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    /// <summary>The method option carrying the forgetting client's aggregation weight per training round (the client's FederatedAmnesiacOptions reads it).</summary>
    internal const string RoundWeightsOption = "round-weights";

    /// <summary>
    /// Amnesiac: campaign round 1 is the requesting client alone subtracting its recorded batch updates,
    /// each round's scaled by the weight the server gave its update there (sent in the task, as only the
    /// server knows the other clients' sample counts); aggregating one update returns it unchanged, so the
    /// committed version is exactly the client's corrected adapter. Rounds 2..K repair with <c>finetune</c>
    /// on retained data by every online client.
    /// </summary>
    private async Task<ForgetRequestRecord> RunAmnesiacAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        SortedDictionary<long, double> computed = await AmnesiacRoundWeightsAsync(r.RequestedBy!, cancellationToken).ConfigureAwait(false);
        // Configured weights cover training this store never saw (a simulation's earlier federations); the store's records win.
        if (context.Options.Methods.TryGetValue(r.Method, out ForgetMethodSettings? settings) && settings.Options.TryGetValue(RoundWeightsOption, out string? configured))
        {
            foreach (string pair in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = pair.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long round)
                    || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight))
                    return await FailAsync(r, $"the configured amnesiac option '{RoundWeightsOption}' holds '{pair}', not round:weight", cancellationToken).ConfigureAwait(false);
                computed.TryAdd(round, weight);
            }
        }

        string weights = string.Join(',', computed.Select(w => w.Key.ToString(CultureInfo.InvariantCulture) + ":" + w.Value.ToString("R", CultureInfo.InvariantCulture)));
        if (!r.Fields.ContainsKey("amnesiac_rounds"))
        {
            // The audit record says how many rounds were undone and whether the weights are exact for the strategy.
            string strategy = context.Server.Strategy;
            string basis = strategy is Hosting.StrategyNames.FedAvg or Hosting.StrategyNames.ExactLora
                ? "fedavg sample weights"
                : $"fedavg sample weights, an approximation under the '{strategy}' strategy";
            r = await SaveAsync(r with { Fields = With(With(r.Fields, "amnesiac_rounds", computed.Count.ToString(CultureInfo.InvariantCulture)), "amnesiac_weights", basis) },
                cancellationToken).ConfigureAwait(false);
        }

        return await RunRoundsAsync(r, current => current.RoundsCompleted == 0 ? AmnesiacPlan(current, weights) : FinetuneRepairPlan(current),
            cancellationToken).ConfigureAwait(false);
    }

    private RoundPlan AmnesiacPlan(ForgetRequestRecord r, string weights)
    {
        RoundPlan plan = MethodRoundPlan(r, SettingsOf(r));
        Action<ClientTask, string> describe = plan.Describe;
        return plan with
        {
            Select = (_, online) => [.. online.Where(c => c.ClientId == r.RequestedBy).Select(c => c.ClientId)],
            MinUpdates = 1,
            Describe = (task, clientId) =>
            {
                describe(task, clientId);
                task.Unlearn.MethodOptions[RoundWeightsOption] = weights;
                // The client claims the batches it subtracts under the ticket: a rerun repeats them, a later request skips them.
                task.Unlearn.MethodOptions["ticket"] = r.TicketId;
            },
        };
    }

    /// <summary>A repair round: the campaign continues as <c>finetune</c> (its configured options) under the request's ticket.</summary>
    private RoundPlan FinetuneRepairPlan(ForgetRequestRecord r) => UnlearnPlan(r with { Method = ForgetMethods.Finetune });

    /// <summary>
    /// <c>round:weight</c> for every committed round in which the client's training task was aggregated, weight =
    /// its samples / the samples of the round's contributors still in the federation (a removed client's deltas were
    /// replayed out of the history). Rounds before the latest adapter reset (a retraining, or a removal that could
    /// not be replayed) are left out: the reset discarded their contributions.
    /// </summary>
    private async Task<SortedDictionary<long, double>> AmnesiacRoundWeightsAsync(string clientName, CancellationToken cancellationToken)
    {
        IFederationStore store = context.Store;
        ClientRecord client = await store.FindClientByNameAsync(clientName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The requesting client '{clientName}' is not in the store.");
        var removed = (await store.ListClientsAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.RemovedAt is not null).Select(c => c.Id).ToHashSet();
        var weights = new SortedDictionary<long, double>();
        foreach (RoundRecord round in await store.ListCommittedRoundsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (round.Participants == 0)
            {
                if (await IsResetAsync(round, cancellationToken).ConfigureAwait(false)) weights.Clear();
                continue;
            }

            IReadOnlyList<RoundContribution> contributions = await store.ListContributionsAsync(round.Number, cancellationToken).ConfigureAwait(false);
            RoundContribution? mine = contributions.FirstOrDefault(c => c.ClientId == client.Id);
            if (mine is null || mine.SampleCount <= 0) continue;
            if ((await store.GetTaskAsync(mine.TaskId, cancellationToken).ConfigureAwait(false))?.Kind != TaskKind.Train) continue;
            long total = contributions.Where(c => !removed.Contains(c.ClientId)).Sum(c => c.SampleCount);
            weights[round.Number] = (double)mine.SampleCount / total;
        }

        return weights;
    }

    /// <summary>A server-side commit resets the history unless it was a client removal recomputed from the stored deltas.</summary>
    private async Task<bool> IsResetAsync(RoundRecord round, CancellationToken cancellationToken)
    {
        ForgetRequestRecord? request = round.TicketId is null ? null : await context.Store.GetForgetRequestAsync(round.TicketId, cancellationToken).ConfigureAwait(false);
        return !(request is { Method: RequestValidation.ClientRemoval } && request.Fields.GetValueOrDefault("removal") == "recomputed");
    }
}
