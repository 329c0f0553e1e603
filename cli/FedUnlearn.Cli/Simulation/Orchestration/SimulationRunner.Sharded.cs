using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;
using StoredRound = FedUnlearn.Server.Storage.RoundRecord;
using StoredState = FedUnlearn.Server.Storage.RoundState;

namespace FedUnlearn.Cli.Simulation.Orchestration;

public sealed partial class SimulationRunner
{
    // A sharded campaign also waits for the main line's training rounds around it: both are polled (loopback, cheap).
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// <c>sharded-exact</c>: the method needs a federation trained sharded from the start, which the main
    /// line (one global adapter) is not. So it gets a sharded federation of its own, trained from the same
    /// initial adapter with the same clients and settings for as many rounds as the main line had, the
    /// request filed while the last of them runs (it is served at the next safe point, right after). Its
    /// result is that federation's served adapter after the request and the training rounds; its cost
    /// (time, bytes, rounds) is the request's rounds only. Data forgotten by earlier requests is already
    /// tombstoned, which is what earlier sharded-exact requests would have left (exact unlearning).
    /// </summary>
    private async Task<CampaignOutcome> ShardedCampaignAsync(SimulationContext context, Timeline line, ForgetSet set, MethodSettings method,
        CancellationToken cancellationToken)
    {
        var plan = MethodPlan.For(method, context.Scenario, line.Trained);
        var label = $"request-{set.Index + 1}-sharded-{string.Concat(method.DisplayName.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}";
        var settings = new PhaseSettings(label, line.Initial, 0, PhaseSeed(context, 20_000 + (ulong)set.Index))
        {
            Method = (plan.ServerName, plan.Settings),
            Shards = MethodPlan.Shards(method),
        };
        await using var phase = await FederationPhase.StartAsync(context, settings, cancellationToken).ConfigureAwait(false);
        var trainedBefore = line.Trained;
        string? ticket = null;
        // The last training round before the request cannot commit until the request is filed: it is served right after that round.
        var filed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phase.Order.Hold(trainedBefore, filed.Task);
        _progress.CampaignStarted(set.Index, method.DisplayName, plan.Settings.Rounds);
        phase.RunClients();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var bytes = new Dictionary<long, (long Sent, long Received)>();
        var recorder = RecordRoundBytesAsync(phase, bytes, watching.Token);
        ForgetStatus? status = null;
        while (status is not { State: ForgetState.Completed or ForgetState.Failed } || (await TrainingRoundsAsync(phase, cancellationToken).ConfigureAwait(false)).Committed < trainedBefore)
        {
            await Task.WhenAny(Task.Delay(StatusPoll, cancellationToken), phase.Failed).ConfigureAwait(false);
            if (phase.Failed.IsFaulted) await phase.Failed.ConfigureAwait(false);
            if (phase.Server.Completion.IsFaulted) await phase.Server.Completion.ConfigureAwait(false);
            if (ticket is null && await TrainingRoundsAsync(phase, cancellationToken).ConfigureAwait(false) is (var committed, true) && committed == trainedBefore - 1)
            {
                ticket = await FileAsync(phase, set, plan.ServerName, cancellationToken).ConfigureAwait(false);
                filed.TrySetResult();
            }

            if (ticket is not null) status = await StatusAsync(phase, ticket, cancellationToken).ConfigureAwait(false);
        }

        await watching.CancelAsync().ConfigureAwait(false);
        await recorder.ConfigureAwait(false);
        await phase.StopAsync().ConfigureAwait(false);
        if (status.State == ForgetState.Failed)
            throw new SimulationException($"Forget request {set.Index + 1} ({set.Description}), method {method.DisplayName}: the sharded federation's campaign failed: {status.FailureReason}");
        return await ShardedOutcomeAsync(context, phase, method, ticket!, trainedBefore, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The served adapter once the request and the main line's training rounds are committed, and the request's own rounds.</summary>
    private static async Task<CampaignOutcome> ShardedOutcomeAsync(SimulationContext context, FederationPhase phase, MethodSettings method, string ticket,
        int trainedBefore, Dictionary<long, (long Sent, long Received)> bytes, CancellationToken cancellationToken)
    {
        var rounds = await phase.ReadStoreAsync(async store => await store.ListRoundsAsync(null, int.MaxValue, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var ordered = rounds.OrderBy(r => r.Number).ToList();
        var trained = 0;
        StoredRound? last = null;
        foreach (var round in ordered.Where(r => r is { State: StoredState.Committed, GlobalVersionOut: not null }))
        {
            if (round.TicketId == ticket || (round.Kind == TaskKind.Train && ++trained <= trainedBefore)) last = round;
        }

        var own = ordered.Where(r => r.TicketId == ticket && r.State == StoredState.Committed).ToList();
        var history = new List<(int, double, long, ParameterSet)>();
        foreach (var round in own.Where(r => r.Kind == TaskKind.Unlearn && r.Participants > 0))
        {
            var adapter = await phase.LoadAdapterAsync(round.GlobalVersionOut!.Value, cancellationToken).ConfigureAwait(false);
            history.Add((history.Count + 1, Duration(round), bytes.GetValueOrDefault(round.Number).Sent, adapter));
        }

        return new CampaignOutcome
        {
            Method = method,
            IsReference = false,
            Adapter = await phase.LoadAdapterAsync(last!.GlobalVersionOut!.Value, cancellationToken).ConfigureAwait(false),
            Commits = own.Count(r => r.GlobalVersionOut is not null),
            History = history,
            WallSeconds = own.Sum(Duration),
            BytesSent = own.Sum(r => bytes.GetValueOrDefault(r.Number).Sent),
            BytesReceived = own.Sum(r => bytes.GetValueOrDefault(r.Number).Received),
            Federation = phase.History,
        };
    }

    /// <summary>Bytes through the relay between one round's summary and the next, by round, until cancelled.</summary>
    private static async Task RecordRoundBytesAsync(FederationPhase phase, Dictionary<long, (long Sent, long Received)> bytes, CancellationToken cancellationToken)
    {
        long sent = 0, received = 0;
        try
        {
            for (long r = 1; ; r++)
            {
                await phase.Server.WaitForRoundAsync(r, cancellationToken).ConfigureAwait(false);
                var (s, v) = (phase.Relay.ServerSent, phase.Relay.ServerReceived);
                lock (bytes) bytes[r] = (s - sent, v - received);
                (sent, received) = (s, v);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with the campaign.
        }
    }

    /// <summary>Training rounds committed so far, and whether one is running now.</summary>
    private static async Task<(int Committed, bool Running)> TrainingRoundsAsync(FederationPhase phase, CancellationToken cancellationToken)
    {
        var (count, running) = (0, false);
        var token = "";
        do
        {
            var page = await phase.Admin.ListRoundsAsync(new ListRoundsRequest { PageSize = 100, PageToken = token },
                new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            count += page.Rounds.Count(r => r is { Kind: RoundKind.Train, State: Contracts.V1.RoundState.Committed });
            running |= page.Rounds.Any(r => r is { Kind: RoundKind.Train, State: Contracts.V1.RoundState.Running });
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return (count, running);
    }

    private static double Duration(StoredRound round) => ((round.ClosedAt ?? round.StartedAt) - round.StartedAt).TotalSeconds;
}
