using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using ClientInfo = FedUnlearn.Server.Aggregation.ClientInfo;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class RoundRunner
{
    /// <summary>Runs rounds until <paramref name="cancellationToken"/> fires or every configured round is committed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            GlobalVersion = await _store.LatestGlobalVersionAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The store holds no global adapter; the server initialises it before the runner starts.");
            while (_options.Rounds == 0 || GlobalVersion.Version < _options.Rounds)
            {
                State = RunnerState.WaitingForClients;
                await _sessions.WaitForOnlineAsync(_options.MinClients, cancellationToken).ConfigureAwait(false);
                await RunRoundAsync(cancellationToken).ConfigureAwait(false);
            }

            State = RunnerState.Finished;
            RoundLog.Finished(_logger, GlobalVersion.Version);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a round left running is abandoned by recovery at the next start, as after a crash.
        }
        catch (Exception ex)
        {
            RoundLog.RunnerFailed(_logger, ex);
            throw;
        }
        finally
        {
            if (State != RunnerState.Finished) State = RunnerState.Stopped;
        }
    }

    private async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        GlobalVersionRecord version = GlobalVersion!;
        ParameterSet global = await _store.LoadGlobalAsync(version.Version, cancellationToken).ConfigureAwait(false);
        _adapters.Put(version, global);
        RoundRecord record = await _store.BeginRoundAsync(cancellationToken).ConfigureAwait(false);
        RoundNumber = record.Number;
        var context = new RoundContext(record.Number, version.Version, global);
        List<ClientInstruction> chosen = [.. _strategy.ConfigureTrain(context, Available())];
        if (_options.ClientsPerRound is { } perRound) chosen = [.. chosen.Take(perRound)];
        DateTimeOffset started = _time.GetUtcNow();
        if (chosen.Count == 0)
        {
            Task changed = _sessions.Changed;
            await AbandonAsync(record.Number, version.Version, [], null, started, "too few clients were available when the round started").ConfigureAwait(false);
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        List<RoundTask> tasks = [.. chosen.Select(c => new RoundTask($"r{record.Number}-{c.ClientId}", c.ClientId))];
        await _store.CreateTasksAsync(record.Number, TaskKind.Train,
            [.. tasks.Select(t => (t.TaskId, _sessions.Find(t.ClientId)!.Record.Id))], cancellationToken).ConfigureAwait(false);

        var round = new ActiveRound(context, _strategy.CreateAggregator(context), _store, tasks, AdapterPayload.Layout(global), started);
        _previous = _current;
        _current = round;
        State = RunnerState.RoundRunning;
        DateTimeOffset deadline = started + _options.RoundDeadline;
        RoundLog.Started(_logger, record.Number, version.Version, tasks.Count);
        foreach (RoundTask task in tasks)
            _sessions.Find(task.ClientId)!.Push(TrainTask(task.TaskId, record.Number, version.Version, deadline));

        await WaitForUpdatesAsync(round, deadline, cancellationToken).ConfigureAwait(false);
        await CloseAsync(round, tasks, cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseAsync(ActiveRound round, List<RoundTask> tasks, CancellationToken cancellationToken)
    {
        (AggregationResult result, IReadOnlyList<RejectedUpdate> early) = await round.CloseAsync().ConfigureAwait(false);
        foreach (RoundTask task in tasks)
            _sessions.Find(task.ClientId)?.Resolve(task.TaskId);
        AggregationSummary summary = result.Summary;
        List<string> selected = [.. tasks.Select(t => t.ClientId)];
        if (summary.Accepted < _options.MinUpdates)
        {
            string note = $"{summary.Accepted} accepted update(s) before the deadline; {_options.MinUpdates} needed";
            await AbandonAsync(round.Number, round.Context.GlobalVersion, selected, (summary, early), round.StartedAt, note).ConfigureAwait(false);
            return;
        }

        GlobalVersionRecord committed = await _store.CommitRoundAsync(round.Number, result.Parameters, summary.Accepted, cancellationToken).ConfigureAwait(false);
        GlobalVersion = committed;
        _adapters.Put(committed, result.Parameters);
        foreach (string contributor in summary.Contributors)
            if (_sessions.Find(contributor) is { } session) Interlocked.Increment(ref session.RoundsContributed);
        RoundLog.Committed(_logger, round.Number, committed.Version, summary.Accepted, summary.Rejected.Count + early.Count, summary.Failures.Count);
        Publish(new RoundSummary(round.Number, RoundOutcome.Committed, round.Context.GlobalVersion, committed.Version, selected,
            summary.Contributors, [.. early, .. summary.Rejected], summary.Failures, summary.Metrics, round.StartedAt, _time.GetUtcNow(), null));
    }

    private async Task WaitForUpdatesAsync(ActiveRound round, DateTimeOffset deadline, CancellationToken cancellationToken)
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

            if (round.AllReported.IsCompleted || round.AcceptedCount >= _options.MinUpdates || extensions >= _options.DeadlineExtensions)
                return;
            deadline += _options.RoundDeadline;
            RoundLog.Extended(_logger, round.Number, round.AcceptedCount, _options.MinUpdates, deadline);
        }
    }

    private async Task AbandonAsync(long round, long baseVersion, IReadOnlyList<string> selected,
        (AggregationSummary Summary, IReadOnlyList<RejectedUpdate> Early)? outcome, DateTimeOffset started, string note)
    {
        await _store.AbandonRoundAsync(round, note, CancellationToken.None).ConfigureAwait(false);
        RoundLog.Abandoned(_logger, round, note);
        Publish(new RoundSummary(round, RoundOutcome.Abandoned, baseVersion, null, selected,
            outcome?.Summary.Contributors ?? [], outcome is { } o ? [.. o.Early, .. o.Summary.Rejected] : [],
            outcome?.Summary.Failures ?? [], outcome?.Summary.Metrics ?? new Dictionary<string, double>(),
            started, _time.GetUtcNow(), note));
    }

    private List<ClientInfo> Available() =>
        [.. _sessions.Online.Select(s => new ClientInfo(s.ClientId) { DeclaredSampleCount = (long?)s.Capabilities?.SampleCount })];

    private ClientTask TrainTask(string taskId, long round, long version, DateTimeOffset deadline)
    {
        HyperParameters hyper = _options.HyperParameters.Clone();
        // Derived per round so that a task can be replayed, yet rounds do not repeat one shuffle.
        hyper.Seed = unchecked((ulong)_options.Seed * 1_000_003UL + (ulong)round);
        return new ClientTask
        {
            TaskId = taskId,
            Round = (ulong)round,
            AdapterVersion = (ulong)version,
            Deadline = Timestamp.FromDateTimeOffset(deadline),
            HyperParameters = hyper,
            Train = new TrainTask(),
        };
    }
}
