using System.Diagnostics;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Server.Rounds;
using ForgetScope = FedUnlearn.Cli.Simulation.Scenarios.ForgetScope;
using ProtoScope = FedUnlearn.Contracts.V1.ForgetScope;

namespace FedUnlearn.Cli.Simulation.Orchestration;

public sealed partial class SimulationRunner
{
    // The server pushes round summaries but not request states: the final state is polled (loopback, cheap).
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// One forget request: every method's campaign from the same global model, then central evaluation
    /// against the reference; the main line adopts the reference's model (or the first method's).
    /// </summary>
    private async Task ForgetAsync(SimulationContext context, Timeline line, int index, CancellationToken cancellationToken)
    {
        var scenario = context.Scenario;
        var set = ForgetSet.Choose(context, index);
        line.Events.Add(new ForgetEvent { Request = index, AfterRound = line.Trained, Scope = set.Request.Scope, Description = set.Description });
        var outcomes = new List<CampaignOutcome>();
        foreach (var method in scenario.Methods)
            outcomes.Add(method.Name == MethodCatalog.ShardedExact
                ? await ShardedCampaignAsync(context, line, set, method, cancellationToken).ConfigureAwait(false)
                : await CampaignAsync(context, line, set, method, cancellationToken).ConfigureAwait(false));

        var sets = set.EvaluationSets(context);
        var reference = outcomes.FirstOrDefault(o => o.IsReference);
        var results = new List<MethodResult>();
        foreach (var o in outcomes)
        {
            var metrics = CentralEvaluation.Full(context, o.Adapter, sets, o.IsReference ? null : reference?.Adapter, scenario.Evaluation.Mia, cancellationToken);
            var history = o.History.Select(h =>
            {
                var (forget, test) = CentralEvaluation.ForgetAndTest(context, h.Adapter, sets, cancellationToken);
                return new CampaignRound { Round = h.Round, ForgetAccuracy = forget, TestAccuracy = test, WallTimeSeconds = h.Seconds, BytesSent = h.BytesSent };
            }).ToList();
            var result = MethodResult.FromMetrics(o.Method.DisplayName, o.Method.Name, metrics, o.History.Count, o.IsReference) with
            {
                WallTimeSeconds = o.WallSeconds,
                BytesSent = o.BytesSent,
                BytesReceived = o.BytesReceived,
                History = history,
            };
            results.Add(result);
            _progress.CampaignCompleted(index, result);
        }

        line.Requests.Add(new ForgetRequestResult
        {
            Index = index,
            AtRound = line.Trained,
            Scope = set.Request.Scope,
            Client = set.Request.Client,
            Label = set.Request.Label,
            Description = set.Description,
            ForgetCount = set.Ids.Length,
            Backdoor = set.IsBackdoor,
            Methods = results,
        });
        set.Apply(context);
        var adopted = reference ?? outcomes[0];
        line.Current = adopted.Adapter;
        line.Version += adopted.Commits;
    }

    /// <summary>One method's campaign in a federation of its own, started from the main line's current model.</summary>
    private async Task<CampaignOutcome> CampaignAsync(SimulationContext context, Timeline line, ForgetSet set, MethodSettings method,
        CancellationToken cancellationToken)
    {
        var plan = MethodPlan.For(method, context.Scenario, line.Trained);
        // The campaign's server has not seen the training rounds: the simulation gives it the requester's aggregation weights.
        if (plan.ServerName == MethodCatalog.Amnesiac && set.Requester is { } requester) plan.Settings.Options["round-weights"] = context.Amnesiac.Weights(requester);
        var label = $"request-{set.Index + 1}-{string.Concat(method.DisplayName.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}";
        // The same server seed for every method of a request: they differ only in the method.
        var settings = new PhaseSettings(label, line.Current, 0, PhaseSeed(context, 10_000 + (ulong)set.Index)) { Method = (plan.ServerName, plan.Settings) };
        await using var phase = await FederationPhase.StartAsync(context, settings, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var ticket = await FileAsync(phase, set, plan.ServerName, cancellationToken).ConfigureAwait(false);
        _progress.CampaignStarted(set.Index, method.DisplayName, plan.Settings.Rounds);
        phase.RunClients();

        var seen = new List<(RoundSummary Summary, long Sent)>();
        long sent = 0;
        var verified = false;
        ForgetStatus status;
        while (true)
        {
            var round = verified ? null : phase.WaitForRoundAsync(seen.Count + 1, cancellationToken);
            var poll = Task.Delay(StatusPoll, cancellationToken);
            await (round is null ? poll : Task.WhenAny(round, poll)).ConfigureAwait(false);
            if (round is { IsCompleted: true })
            {
                var summary = await round.ConfigureAwait(false);
                seen.Add((summary, phase.Relay.ServerSent - sent));
                sent = phase.Relay.ServerSent;
                if (summary.Outcome == RoundOutcome.Committed && summary.Selected.Count > 0)
                    _progress.CampaignRoundCompleted(set.Index, method.DisplayName, seen.Count(s => s.Summary.Selected.Count > 0 && s.Summary.Outcome == RoundOutcome.Committed), plan.Settings.Rounds);
                // The verification round is the campaign's last client work: stop the clients before the server
                // goes back to training rounds (the simulation resumes training on its main line instead).
                if (summary.Outcome == RoundOutcome.Evaluated)
                {
                    verified = true;
                    await phase.StopClientsAsync().ConfigureAwait(false);
                }
            }

            status = await StatusAsync(phase, ticket, cancellationToken).ConfigureAwait(false);
            if (status.State is ForgetState.Completed or ForgetState.Failed) break;
        }

        var wall = clock.Elapsed.TotalSeconds;
        var (bytesSent, bytesReceived) = (phase.Relay.ServerSent, phase.Relay.ServerReceived);
        // Everything the campaign did is published by now: its rounds end with the verification round.
        var rounds = phase.Server.RecentRounds.OrderBy(s => s.Round).ToList();
        var last = rounds.FindLastIndex(s => s.Outcome == RoundOutcome.Evaluated);
        var campaign = rounds.Take(last < 0 ? rounds.Count : last).Where(s => s.Outcome == RoundOutcome.Committed).ToList();
        await phase.StopAsync().ConfigureAwait(false);
        if (status.State == ForgetState.Failed)
            throw new SimulationException($"Forget request {set.Index + 1} ({set.Description}), method {method.DisplayName}: the federation's campaign failed: {status.FailureReason}");

        var history = new List<(int, double, long, Contracts.Parameters.ParameterSet)>();
        foreach (var s in campaign.Where(s => s.Selected.Count > 0))
        {
            var bytes = seen.FirstOrDefault(x => x.Summary.Round == s.Round).Sent;
            history.Add((history.Count + 1, Seconds(s), bytes, await phase.LoadAdapterAsync(s.CommittedVersion!.Value, cancellationToken).ConfigureAwait(false)));
        }

        return new CampaignOutcome
        {
            Method = method,
            IsReference = context.Scenario.Evaluation.Reference == ReferenceKind.Retrain && method.Name == MethodCatalog.Retrain,
            Adapter = campaign.Count > 0 ? await phase.LoadAdapterAsync(campaign[^1].CommittedVersion!.Value, cancellationToken).ConfigureAwait(false) : line.Current,
            Commits = campaign.Count,
            History = history,
            WallSeconds = wall,
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
        };
    }

    /// <summary>
    /// Files the request before any client runs, so that no training round can start first: the
    /// requesting client tombstones and sends its count (samples, or all its samples when it leaves);
    /// a class is an operator's request through the Admin service.
    /// </summary>
    private static async Task<string> FileAsync(FederationPhase phase, ForgetSet set, string method, CancellationToken cancellationToken)
    {
        var requestId = $"simulation-request-{set.Index + 1}";
        if (set.Requester is { } client)
            return await phase.RequestForgetAsync(client, ForgetRequestDraft.ForSamples(set.Ids, set.Reason) with { RequestId = requestId }, cancellationToken)
                .ConfigureAwait(false);

        var reply = await phase.Admin.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = requestId,
            Scope = new ProtoScope { ClassLabel = new ClassScope { Label = set.Request.Label!.Value } },
            Method = method,
            Reason = set.Reason,
        }, new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        return reply.TicketId;
    }

    private static async Task<ForgetStatus> StatusAsync(FederationPhase phase, string ticket, CancellationToken cancellationToken)
    {
        var list = await phase.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest(), new CallOptions { CancellationToken = cancellationToken })
            .ConfigureAwait(false);
        return list.Requests.FirstOrDefault(r => r.TicketId == ticket)
            ?? throw new SimulationException($"The server lists no forget request with ticket {ticket}.");
    }
}
