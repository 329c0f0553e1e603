using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using ProtoUnlearnRole = FedUnlearn.Contracts.V1.UnlearnRole;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    /// <summary>
    /// The unlearning rounds: for <c>retrain</c> the adapter is first re-initialised server-side;
    /// then, for a sample-scope request, the method's repair rounds (ordinary training with every online client),
    /// then K rounds of UnlearnTasks, committed like training rounds: to the requesting client alone for a
    /// sample-scope request and a correcting method (<see cref="ForgetMethods.Corrects"/>), else to every online client.
    /// </summary>
    private async Task<ForgetRequestRecord> UnlearnAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        if (r.Method == ForgetMethods.Retrain && r.StepVersion is null)
        {
            var global = await context.Store.LoadGlobalAsync(context.Runner.GlobalVersion!.Version, cancellationToken).ConfigureAwait(false);
            GlobalVersionRecord reset = await context.Runner.CommitServerSideAsync(TaskKind.Unlearn, r.TicketId,
                LoraReset.Reinitialize(global, Seed(r, 0)), "adapter re-initialised for retraining", cancellationToken).ConfigureAwait(false);
            r = await SaveAsync(r with { StepVersion = reset.Version, Fields = With(r.Fields, "adapter_reset", "lora_B zeroed, lora_A re-drawn") },
                cancellationToken).ConfigureAwait(false);
        }

        if (r.Method == ForgetMethods.Amnesiac) return await RunAmnesiacAsync(r, cancellationToken).ConfigureAwait(false);
        return await RunRoundsAsync(r, UnlearnPlan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the request's remaining rounds; too many abandoned in a row fail it.</summary>
    private async Task<ForgetRequestRecord> RunRoundsAsync(ForgetRequestRecord r, Func<ForgetRequestRecord, RoundPlan> plan, CancellationToken cancellationToken)
    {
        while (r.RoundsCompleted < r.RoundsPlanned)
        {
            if (r.Attempts >= context.Options.MaxRoundAttempts)
                return await FailAsync(r, $"{r.Attempts} campaign round(s) in a row were abandoned; the last: {_lastNote ?? "interrupted"}", cancellationToken).ConfigureAwait(false);
            int removed = await WaitForClientsAsync(cancellationToken).ConfigureAwait(false);
            if (r.Scope == ForgetScopeKind.Samples && !await WaitForClientAsync(r.RequestedBy!, cancellationToken).ConfigureAwait(false))
            {
                _lastNote = $"the requesting client '{r.RequestedBy}' was offline";
                r = await SaveAsync(r with { Attempts = r.Attempts + 1 }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Like MinClients, the server's MinUpdates may count clients that left: they will never send an update again.
            RoundPlan round = plan(r);
            if (round.MinUpdates is null) round = round with { MinUpdates = Math.Max(1, context.Server.MinUpdates - removed) };
            RoundResult result = await context.Runner.RunRoundAsync(round, cancellationToken).ConfigureAwait(false);
            if (result.Summary.Outcome == RoundOutcome.Committed)
            {
                r = await SaveAsync(r with { RoundsCompleted = r.RoundsCompleted + 1, Attempts = 0 }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A round of the requester alone closes short of updates before its veto runs: keep the requester's own reason.
            string? requester = r.Scope == ForgetScopeKind.Samples && round.TaskKind == TaskKind.Unlearn
                ? RequesterMissing(result.Summary.Contributors, result.Summary.Failures, result.Summary.Rejected, r.RequestedBy!)
                : null;
            _lastNote = $"round {result.Summary.Round}: {requester ?? result.Summary.Note}";
            r = await SaveAsync(r with { Attempts = r.Attempts + 1 }, cancellationToken).ConfigureAwait(false);
        }

        return r;
    }

    private RoundPlan UnlearnPlan(ForgetRequestRecord r)
    {
        ForgetMethodSettings settings = SettingsOf(r);
        // The first RepairRounds of a sample-scope plan are ordinary training with everyone; the method's rounds come last,
        // so that no training round can wear the correction down before it is verified (ForgetMethodSettings.RepairRounds).
        if (r.Scope == ForgetScopeKind.Samples && r.RoundsCompleted < Math.Min(settings.RepairRounds, r.RoundsPlanned - 1))
            return RepairPlan(r, settings.RepairHyperParameters);
        return MethodRoundPlan(r, settings);
    }

    private ForgetMethodSettings SettingsOf(ForgetRequestRecord r) =>
        context.Options.Methods.TryGetValue(r.Method, out ForgetMethodSettings? s) ? s : new ForgetMethodSettings();

    /// <summary>A round of the request's method: UnlearnTasks to the requester alone (a sample-scope correction) or to every online client.</summary>
    private RoundPlan MethodRoundPlan(ForgetRequestRecord r, ForgetMethodSettings settings)
    {
        ForgetScope scope = ForgetStatusMapping.Scope(r);
        int campaignRound = r.RoundsCompleted + 1;
        bool requesterAlone = r.Scope == ForgetScopeKind.Samples && ForgetMethods.Corrects(r.Method, settings.Options);
        return new RoundPlan
        {
            RoundKind = TaskKind.Unlearn,
            TaskKind = TaskKind.Unlearn,
            TicketId = r.TicketId,
            // See ForgetMethods.Corrects: the requester's corrected adapter is the round's result, at full weight.
            Select = requesterAlone
                ? (_, online) => [.. online.Where(c => c.ClientId == r.RequestedBy).Select(c => c.ClientId)]
                : static (_, online) => [.. online.Select(c => c.ClientId)],
            MinUpdates = requesterAlone ? 1 : null,
            Describe = (task, clientId) => task.Unlearn = new UnlearnTask
            {
                TicketId = r.TicketId,
                Role = Role(r, clientId),
                Method = r.Method,
                MethodOptions = { MethodOptions(r.Method, settings) },
                Scope = scope.Clone(),
                CampaignRound = (uint)campaignRound,
                CampaignRounds = (uint)r.RoundsPlanned,
            },
            // The samples to forget are on the requesting client alone: a round without its update forgets nothing.
            Veto = r.Scope == ForgetScopeKind.Samples ? summary => RequesterMissing(summary.Contributors, summary.Failures, summary.Rejected, r.RequestedBy!) : null,
            HyperParameters = settings.HyperParameters,
            Seed = Seed(r, campaignRound),
        };
    }

    /// <summary>
    /// An ordinary training round with every online client, recorded as a round of the campaign. The requester's
    /// tombstones already keep its forgotten samples out of its training. Null <paramref name="hyperParameters"/>: the
    /// server's training settings.
    /// </summary>
    private static RoundPlan RepairPlan(ForgetRequestRecord r, HyperParameters? hyperParameters) => new()
    {
        RoundKind = TaskKind.Unlearn,
        TaskKind = TaskKind.Train,
        TicketId = r.TicketId,
        Select = static (_, online) => [.. online.Select(c => c.ClientId)],
        Describe = static (task, _) => task.Train = new TrainTask(),
        HyperParameters = hyperParameters,
    };

    /// <summary>
    /// Null when the requesting client's update was accepted; otherwise why not, with its own reason when it
    /// failed or its update was rejected (e.g. its method cannot run on the data it has left), so that a
    /// request that keeps failing says what the operator can change.
    /// </summary>
    private static string? RequesterMissing(IReadOnlyList<string> contributors, IReadOnlyList<Aggregation.RejectedUpdate> failures,
        IReadOnlyList<Aggregation.RejectedUpdate> rejections, string requester)
    {
        if (contributors.Contains(requester)) return null;
        string what = $"the requesting client '{requester}' returned no accepted update";
        if (failures.FirstOrDefault(f => f.ClientId == requester) is { } failed) return $"{what}: its task failed: {failed.Reason}";
        if (rejections.FirstOrDefault(f => f.ClientId == requester) is { } rejected) return $"{what}: its update was rejected: {rejected.Reason}";
        return what;
    }

    /// <summary>
    /// The options each client's method gets. Retraining is reset once, server-side, before its first
    /// round; every client round then continues that retraining, so clients must not reset again.
    /// </summary>
    private static IDictionary<string, string> MethodOptions(string method, ForgetMethodSettings settings)
    {
        if (method != ForgetMethods.Retrain) return settings.Options;
        var options = new Dictionary<string, string>(settings.Options, StringComparer.Ordinal) { ["reset"] = "false" };
        return options;
    }

    /// <summary>Forget for the client holding the samples (sample scope) or any client that may hold the class.</summary>
    private ProtoUnlearnRole Role(ForgetRequestRecord r, string clientId)
    {
        if (r.Scope == ForgetScopeKind.Samples) return clientId == r.RequestedBy ? ProtoUnlearnRole.Forget : ProtoUnlearnRole.Retain;
        // A client that declared its class counts without the label holds nothing to forget.
        ClientCapabilities? declared = context.Runner.Sessions.Find(clientId)?.Capabilities;
        return declared is { ClassCounts.Count: > 0 } && declared.ClassCounts.GetValueOrDefault(r.ClassLabel ?? -1) == 0
            ? ProtoUnlearnRole.Retain
            : ProtoUnlearnRole.Forget;
    }

    /// <summary>A seed per request and campaign round: a resumed campaign sends the same tasks again.</summary>
    private ulong Seed(ForgetRequestRecord r, int campaignRound) =>
        unchecked((ulong)context.Server.Seed * 0x9E3779B97F4A7C15UL + (ulong)r.Sequence * 1_000_003UL + (ulong)campaignRound);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> fields, string name, string value) =>
        new(fields) { [name] = value };
}
