using System.Diagnostics;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;
using ProtoScope = FedUnlearn.Contracts.V1.ForgetScope;

namespace FedUnlearn.Cli.Simulation.Orchestration;

public sealed partial class SimulationRunner
{
    // How the aggregator words a failed verification (Campaign.VerifyAsync): a verdict, not a broken campaign.
    private const string VerificationFailed = "verification failed: ";

    /// <summary>
    /// One method's campaign in a federation of its own, started from the main line's current model; for a
    /// leaving client, on a copy of the store that holds the model's history, without that client.
    /// </summary>
    private async Task<CampaignOutcome> CampaignAsync(SimulationContext context, Timeline line, ForgetSet set, MethodSettings method,
        VerificationPolicy? verification, CancellationToken cancellationToken)
    {
        var plan = MethodPlan.For(method, context.Scenario, line.Trained);
        // The campaign's server has not seen the training rounds: the simulation gives it the requester's aggregation weights.
        if (plan.ServerName == MethodCatalog.Amnesiac && set.Requester is { } requester) plan.Settings.Options["round-weights"] = context.Amnesiac.Weights(requester);
        var label = $"request-{set.Index + 1}-{string.Concat(method.DisplayName.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}";
        var history = set.Leaving is null ? null : line.History;
        var firstRound = history is null ? 1 : await NextRoundAsync(history, cancellationToken).ConfigureAwait(false);
        // The same server seed for every method of a request: they differ only in the method.
        var settings = new PhaseSettings(label, line.Current, 0, PhaseSeed(context, 10_000 + (ulong)set.Index))
        {
            Method = (plan.ServerName, plan.Settings),
            // Its server trains nothing after the verdict: however late the clients stop, the store ends with the verification
            // round, and a later federation that continues it (a leaving client's request) numbers and seeds its rounds alike.
            TrainingPaused = true,
            History = history,
            Offline = set.Leaving is { } gone ? new HashSet<int> { gone } : new HashSet<int>(),
            Verification = verification,
            // The server runs a sample-scope correction on the requester alone.
            Unlearners = set.Requester is not null && ForgetMethods.Corrects(plan.ServerName, plan.Settings.Options) ? 1 : null,
        };
        await using var phase = await FederationPhase.StartAsync(context, settings, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var ticket = await FileAsync(phase, set, plan.ServerName, cancellationToken).ConfigureAwait(false);
        // A samples request's repair rounds are campaign rounds too (the server ignores them for a class).
        var planned = plan.Settings.Rounds + (set.Requester is null ? 0 : plan.Settings.RepairRounds);
        _progress.CampaignStarted(set.Index, method.DisplayName, planned);
        phase.RunClients();

        // Rounds as they are published, until the verdict: the campaign's rounds and its verification round all come before it.
        var verdict = phase.WaitForVerdictAsync(ticket, cancellationToken);
        var seen = new List<(RoundSummary Summary, long Sent)>();
        long sent = 0;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            var round = phase.WaitForRoundAsync(firstRound + seen.Count, watching.Token);
            await Task.WhenAny(round, verdict).ConfigureAwait(false);
            if (!round.IsCompleted)
            {
                // No round follows the verdict: stop waiting for one.
                await watching.CancelAsync().ConfigureAwait(false);
                break;
            }

            var summary = await round.ConfigureAwait(false);
            seen.Add((summary, phase.Relay.ServerSent - sent));
            sent = phase.Relay.ServerSent;
            if (summary.Outcome == RoundOutcome.Committed && summary.Selected.Count > 0)
                _progress.CampaignRoundCompleted(set.Index, method.DisplayName, seen.Count(s => s.Summary.Selected.Count > 0 && s.Summary.Outcome == RoundOutcome.Committed), planned);
        }

        var status = await verdict.ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds;
        var (bytesSent, bytesReceived) = (phase.Relay.ServerSent, phase.Relay.ServerReceived);
        // Everything the campaign did is published by now, and nothing after it: its rounds end with the verification round.
        var rounds = phase.Server.RecentRounds.OrderBy(s => s.Round).ToList();
        var campaign = rounds.Where(s => s.Outcome == RoundOutcome.Committed).ToList();
        await phase.StopAsync().ConfigureAwait(false);
        var judgedFailed = status.State == ForgetState.Failed && status.FailureReason.StartsWith(VerificationFailed, StringComparison.Ordinal);
        if (status.State == ForgetState.Failed && !judgedFailed)
            throw new SimulationException($"Forget request {set.Index + 1} ({set.Description}), method {method.DisplayName}: the federation's campaign failed: {status.FailureReason}");

        var adapters = new List<(int, double, long, Contracts.Parameters.ParameterSet)>();
        foreach (var s in campaign.Where(s => s.Selected.Count > 0))
        {
            var bytes = seen.FirstOrDefault(x => x.Summary.Round == s.Round).Sent;
            adapters.Add((adapters.Count + 1, Seconds(s), bytes, await phase.LoadAdapterAsync(s.CommittedVersion!.Value, cancellationToken).ConfigureAwait(false)));
        }

        return new CampaignOutcome
        {
            Method = method,
            IsReference = IsReference(context.Scenario, method),
            Adapter = campaign.Count > 0 ? await phase.LoadAdapterAsync(campaign[^1].CommittedVersion!.Value, cancellationToken).ConfigureAwait(false) : line.Current,
            Commits = campaign.Count,
            History = adapters,
            WallSeconds = wall,
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
            Federation = phase.History,
            Verification = status.Verification,
            Verdict = verification?.Reference is null ? null : judgedFailed ? "failed: " + status.FailureReason[VerificationFailed.Length..] : "completed",
        };
    }

    /// <summary>
    /// Files the request before any client runs, so that no training round can start first: the
    /// requesting client tombstones and sends its count; a class, or a client that left offline, is an
    /// operator's request through the Admin service (a leaving client's removal is the server's own
    /// method, so none is named unless it is retraining).
    /// </summary>
    private static async Task<string> FileAsync(FederationPhase phase, ForgetSet set, string method, CancellationToken cancellationToken)
    {
        var requestId = $"simulation-request-{set.Index + 1}";
        if (set.Requester is { } client)
        {
            return await phase.RequestForgetAsync(client, ForgetRequestDraft.ForSamples(set.Ids, set.Reason) with { RequestId = requestId }, cancellationToken)
                .ConfigureAwait(false);
        }

        var scope = set.Leaving is { } gone
            ? new ProtoScope { Client = new ClientScope { ClientId = PhaseOrder.ClientId(gone) } }
            : new ProtoScope { ClassLabel = new ClassScope { Label = set.Request.Label!.Value } };
        var reply = await phase.Admin.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = requestId,
            Scope = scope,
            Method = method == MethodCatalog.ClientRemoval ? "" : method,
            Reason = set.Reason,
        }, new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        return reply.TicketId;
    }

    /// <summary>The number the next round gets in a copy of <paramref name="history"/>'s store (one more than any round it holds).</summary>
    private static async Task<long> NextRoundAsync(FederationHistory history, CancellationToken cancellationToken)
    {
        await using var store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = history.ServerDirectory }, TimeProvider.System, cancellationToken)
            .ConfigureAwait(false);
        var last = (await store.LatestCommittedRoundAsync(cancellationToken).ConfigureAwait(false))?.Number ?? 0;
        while (await store.GetRoundAsync(last + 1, cancellationToken).ConfigureAwait(false) is not null) last++;
        return last + 1;
    }

    private static async Task<ForgetStatus> StatusAsync(FederationPhase phase, string ticket, CancellationToken cancellationToken)
    {
        var list = await phase.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest(), new CallOptions { CancellationToken = cancellationToken })
            .ConfigureAwait(false);
        return list.Requests.FirstOrDefault(r => r.TicketId == ticket)
            ?? throw new SimulationException($"The server lists no forget request with ticket {ticket}.");
    }
}
