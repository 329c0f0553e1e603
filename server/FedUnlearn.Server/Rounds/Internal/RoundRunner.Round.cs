using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.Internal;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using ClientInfo = FedUnlearn.Server.Aggregation.ClientInfo;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class RoundRunner
{
    /// <summary>
    /// Runs one round of <paramref name="plan"/> from the latest global version: select, send tasks,
    /// fold results as they arrive until everyone answered or the deadline, then commit (or, for an
    /// evaluation, close) or abandon.
    /// </summary>
    public async Task<RoundResult> RunRoundAsync(RoundPlan plan, CancellationToken cancellationToken)
    {
        GlobalVersionRecord version = GlobalVersion!;
        ParameterSet global = await _store.LoadGlobalAsync(version.Version, cancellationToken).ConfigureAwait(false);
        _adapters.Put(version, global);
        RoundRecord record = await _store.BeginRoundAsync(plan.RoundKind, plan.TicketId, cancellationToken).ConfigureAwait(false);
        RoundNumber = record.Number;
        var context = new RoundContext(record.Number, version.Version, global);
        // Clients the strategy chose carry their own frozen set; a plan's own selection gets the strategy's.
        IReadOnlyList<string> roundFrozen = _strategy.FrozenParameters(context);
        List<ClientInstruction>? instructions = plan.Select is null ? TrainingSelection(context) : null;
        List<string> chosen = [.. instructions?.Select(i => i.ClientId) ?? plan.Select!(context, _sessions.Online)];
        Dictionary<string, IReadOnlyList<string>> frozen = instructions?.ToDictionary(i => i.ClientId, i => i.FrozenParameters) ?? [];
        DateTimeOffset started = _time.GetUtcNow();
        if (chosen.Count == 0)
        {
            Task changed = _sessions.Changed;
            // A training round that found too few clients gives way to a forget request at once: the campaign
            // may need fewer clients (a removal), and no client may come to end the wait.
            Task? work = plan.TicketId is null ? SafePoint?.WorkArrived : null;
            RoundSummary none = await AbandonAsync(record.Number, version.Version, [], null, started, "too few clients were available when the round started").ConfigureAwait(false);
            if (work is null) await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            else if (!SafePoint!.HasPendingWork) await Task.WhenAny(changed, work).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new RoundResult(none, []);
        }

        (List<RoundTask> tasks, IUpdateAggregator aggregator) = await PrepareTasksAsync(plan, context, chosen, cancellationToken).ConfigureAwait(false);
        await _store.CreateTasksAsync(record.Number, plan.TaskKind,
            [.. tasks.Select(t => (t.TaskId, _sessions.Find(t.ClientId)!.Record.Id))], cancellationToken).ConfigureAwait(false);

        var round = new ActiveRound(context, aggregator, _store, tasks, AdapterPayload.Layout(global), started)
        {
            Kind = plan.TaskKind,
        };
        _previous = _current;
        _current = round;
        State = RunnerState.RoundRunning;
        DateTimeOffset deadline = started + _options.RoundDeadline;
        RoundLog.Started(_logger, record.Number, version.Version, tasks.Count);
        foreach (RoundTask task in tasks)
            _sessions.Find(task.ClientId)!.Push(BuildTask(plan, task, record.Number, version.Version, deadline,
                frozen.GetValueOrDefault(task.ClientId, roundFrozen)));

        int needed = plan.MinUpdates ?? _options.MinUpdates;
        try
        {
            await WaitForUpdatesAsync(round, deadline, needed, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            round.ReleaseStaged();
            throw;
        }

        try
        {
            return await CloseAsync(round, tasks, plan, needed, aggregator as ShardedAggregator, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            round.ReleaseStaged();
        }
    }

    private async Task<RoundResult> CloseAsync(ActiveRound round, List<RoundTask> tasks, RoundPlan plan, int needed, ShardedAggregator? sharded,
        CancellationToken cancellationToken)
    {
        (AggregationResult result, IReadOnlyList<RejectedUpdate> early) = await round.CloseAsync().ConfigureAwait(false);
        foreach (RoundTask task in tasks)
            _sessions.Find(task.ClientId)?.Resolve(task.TaskId);
        AggregationSummary summary = result.Summary;
        List<string> selected = [.. tasks.Select(t => t.ClientId)];
        IReadOnlyList<ClientEvaluation> evaluations = round.Evaluations;
        int accepted = plan.TaskKind == TaskKind.Evaluate ? evaluations.Count : summary.Accepted;
        string? veto = accepted < needed
            ? $"{accepted} accepted {(plan.TaskKind == TaskKind.Evaluate ? "report" : "update")}(s) before the deadline; {needed} needed"
            : plan.Veto?.Invoke(summary);
        if (veto is not null)
        {
            await round.SubmitStagedAsync().ConfigureAwait(false);
            RoundSummary abandoned = await AbandonAsync(round.Number, round.Context.GlobalVersion, selected, (summary, early), round.StartedAt, veto).ConfigureAwait(false);
            return new RoundResult(abandoned, []);
        }

        if (plan.TaskKind == TaskKind.Evaluate)
        {
            await round.SubmitStagedAsync().ConfigureAwait(false);
            await _store.CompleteRoundAsync(round.Number, evaluations.Count, cancellationToken).ConfigureAwait(false);
            RoundSummary evaluated = new(round.Number, RoundOutcome.Evaluated, round.Context.GlobalVersion, null, selected,
                [.. evaluations.Select(e => e.ClientId)], early, summary.Failures, summary.Metrics, round.StartedAt, _time.GetUtcNow(), null);
            Publish(evaluated);
            return new RoundResult(evaluated, evaluations);
        }

        // The deltas, the new version and the round in one transaction, after one fsync of the pack; a sharded
        // round records its deltas first (one more transaction), then its shard versions and the served global.
        if (sharded is not null) await round.SubmitStagedAsync().ConfigureAwait(false);
        GlobalVersionRecord committed = sharded is null
            ? await _store.CommitRoundAsync(round.Number, result.Parameters, summary.Accepted, round.Staged, cancellationToken).ConfigureAwait(false)
            : await _store.CommitShardedRoundAsync(round.Number, sharded.Commits, result.Parameters, summary.Accepted, cancellationToken).ConfigureAwait(false);
        GlobalVersion = committed;
        _adapters.Put(committed, result.Parameters);
        foreach (string contributor in summary.Contributors)
            if (_sessions.Find(contributor) is { } session) Interlocked.Increment(ref session.RoundsContributed);
        RoundLog.Committed(_logger, round.Number, committed.Version, summary.Accepted, summary.Rejected.Count + early.Count, summary.Failures.Count);
        RoundSummary done = new(round.Number, RoundOutcome.Committed, round.Context.GlobalVersion, committed.Version, selected,
            summary.Contributors, [.. early, .. summary.Rejected], summary.Failures, summary.Metrics, round.StartedAt, _time.GetUtcNow(), null);
        Publish(done);
        return new RoundResult(done, []);
    }

    private async Task WaitForUpdatesAsync(ActiveRound round, DateTimeOffset deadline, int needed, CancellationToken cancellationToken)
    {
        for (int extensions = 0; ; extensions++)
        {
            TimeSpan left = deadline - _time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task expiry = Task.Delay(left, _time, timer.Token);
                await Task.WhenAny(round.AllReported, expiry).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (round.AllReported.IsCompleted || round.AcceptedCount >= needed || extensions >= _options.DeadlineExtensions)
                return;
            deadline += _options.RoundDeadline;
            RoundLog.Extended(_logger, round.Number, round.AcceptedCount, needed, deadline);
        }
    }

    private async Task<RoundSummary> AbandonAsync(long round, long baseVersion, IReadOnlyList<string> selected,
        (AggregationSummary Summary, IReadOnlyList<RejectedUpdate> Early)? outcome, DateTimeOffset started, string note)
    {
        await _store.AbandonRoundAsync(round, note, CancellationToken.None).ConfigureAwait(false);
        RoundLog.Abandoned(_logger, round, note);
        var summary = new RoundSummary(round, RoundOutcome.Abandoned, baseVersion, null, selected,
            outcome?.Summary.Contributors ?? [], outcome is { } o ? [.. o.Early, .. o.Summary.Rejected] : [],
            outcome?.Summary.Failures ?? [], outcome?.Summary.Metrics ?? new Dictionary<string, double>(),
            started, _time.GetUtcNow(), note);
        Publish(summary);
        return summary;
    }

    private List<ClientInstruction> TrainingSelection(RoundContext context)
    {
        List<ClientInstruction> chosen = [.. _strategy.ConfigureTrain(context, Available())];
        if (_options.ClientsPerRound is { } perRound) chosen = [.. chosen.Take(perRound)];
        return chosen;
    }

    private List<ClientInfo> Available() =>
        [.. _sessions.Online.Select(s => new ClientInfo(s.ClientId) { DeclaredSampleCount = (long?)s.Capabilities?.SampleCount })];

    private ClientTask BuildTask(RoundPlan plan, RoundTask roundTask, long round, long version, DateTimeOffset deadline,
        IReadOnlyList<string> frozen)
    {
        HyperParameters hyper = (plan.HyperParameters ?? _options.HyperParameters).Clone();
        // Derived per round so that a task can be replayed, yet rounds do not repeat one shuffle; a shard's
        // task seed depends on its shard and step only, so that retraining the shard replays it.
        hyper.Seed = roundTask.Shard is { } shard
            ? Sharding!.TaskSeed(shard.Shard, shard.Step)
            : plan.Seed ?? unchecked((ulong)_options.Seed * 1_000_003UL + (ulong)round);
        var task = new ClientTask
        {
            TaskId = roundTask.TaskId,
            Round = (ulong)round,
            AdapterVersion = (ulong)(roundTask.Shard?.Version ?? version),
            Deadline = Timestamp.FromDateTimeOffset(deadline),
            HyperParameters = hyper,
        };
        plan.Describe(task, roundTask.ClientId);
        if (roundTask.Shard is { } start && task.Train is { } train) train.Shards.Add((uint)start.Shard);
        task.Train?.FrozenParameters.Add(frozen);
        task.Unlearn?.FrozenParameters.Add(frozen);
        return task;
    }
}
