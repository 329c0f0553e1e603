using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// The open round: its tasks, the streaming aggregator, and the bookkeeping that makes submissions
/// idempotent and lets the round close cleanly while uploads are still arriving. Updates are
/// validated and folded concurrently; an accepted delta is appended at once to the round's
/// <see cref="DeltaPack"/> (no fsync: a round interrupted before its commit is abandoned and run
/// again, so a delta needs to be durable only with its round) and its row joins one batched
/// transaction at close, which first seals the pack with a single fsync. <see cref="CloseAsync"/> waits
/// for the folds in flight and their writes, so what is aggregated is exactly what is stored.
/// </summary>
internal sealed partial class ActiveRound
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoundTask> _tasks;
    private readonly IUpdateAggregator _aggregator;
    private readonly ITaskStore _store;
    private readonly List<RejectedUpdate> _earlyRejections = [];
    private readonly List<Task> _writes = [];
    private readonly TaskCompletionSource _allReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _drained;
    private int _inFlight;
    private int _unresolved;
    private bool _closed;

    public ActiveRound(RoundContext context, IUpdateAggregator aggregator, ITaskStore store,
        IReadOnlyList<RoundTask> tasks, IReadOnlyList<TensorLayout> layout, DateTimeOffset startedAt)
    {
        Context = context;
        _aggregator = aggregator;
        _store = store;
        _pack = store.OpenDeltaPack(context.Round);
        _tasks = tasks.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        _unresolved = tasks.Count;
        Layout = layout;
        StartedAt = startedAt;
        if (_unresolved == 0) _allReported.TrySetResult();
    }

    public RoundContext Context { get; }

    public long Number => Context.Round;

    public IReadOnlyList<TensorLayout> Layout { get; }

    public DateTimeOffset StartedAt { get; }

    public IEnumerable<RoundTask> Tasks => _tasks.Values;

    /// <summary>Completes when every task has a final outcome (accepted, rejected or failed).</summary>
    public Task AllReported => _allReported.Task;

    public int AcceptedCount => _aggregator.AcceptedCount + EvaluationCount;

    /// <summary>The answer for a task before its payload is read, or null to go on and receive it.</summary>
    public Verdict? Precheck(string taskId, string clientId)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out RoundTask? task) || task.ClientId != clientId)
                return null;
            return Answer(task) ?? (_closed ? Verdict.Late : null);
        }
    }

    /// <summary>The adapter version a task's update must be computed from: its shard's in a sharded round, else the round's.</summary>
    public long BaseVersionOf(string taskId) =>
        _tasks.TryGetValue(taskId, out RoundTask? task) && task.Shard is { } shard ? shard.Version : Context.GlobalVersion;

    /// <summary>True when <paramref name="taskId"/> is this round's task for <paramref name="clientId"/>.</summary>
    public bool Owns(string taskId, string clientId)
    {
        lock (_gate) return _tasks.TryGetValue(taskId, out RoundTask? t) && t.ClientId == clientId;
    }

    /// <summary>
    /// Claims <paramref name="taskId"/> for one upload (call under the gate), or returns the verdict that
    /// ends this attempt: the task's earlier answer, late after close, or busy with another upload.
    /// </summary>
    private Verdict? Claim(string taskId, out RoundTask task)
    {
        task = _tasks[taskId];
        if (Answer(task) is { } earlier) return earlier;
        if (_closed) return Verdict.Late;
        if (task.Claimed) return Verdict.Rejected($"another upload of task '{taskId}' is being processed; retry", isFinal: false);
        task.Claimed = true;
        _inFlight++;
        return null;
    }

    /// <summary>Validates and folds an update, stores it when accepted; the returned verdict is final.</summary>
    public async Task<Verdict> OfferAsync(string taskId, ClientUpdate update, CancellationToken cancellationToken)
    {
        RoundTask task;
        lock (_gate)
        {
            if (Claim(taskId, out task) is { } verdict) return verdict;
        }

        ValidationResult result;
        try
        {
            result = _aggregator.Add(update);
        }
        catch
        {
            lock (_gate) task.Claimed = false;
            LeaveFlight();
            throw;
        }

        // Recorded before leaving the flight, so a closing round waits for this write too.
        Task write = Resolve(task, result.IsValid ? TaskOutcome.Accepted : TaskOutcome.Rejected, result.Reason,
            result.IsValid ? StageAsync(taskId, update) : null);
        LeaveFlight();
        await write.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.IsValid ? Verdict.Accepted : Verdict.Rejected(result.Reason!);
    }

    /// <summary>Refuses a task's update before it reached the aggregator (bad header, wrong version...).</summary>
    public Task<Verdict> RejectAsync(string taskId, string reason) => FinishAsync(taskId, TaskOutcome.Rejected, reason);

    /// <summary>Records that the client failed its task: data for the strategy, not an error.</summary>
    public Task<Verdict> ReportFailureAsync(string taskId, string reason) => FinishAsync(taskId, TaskOutcome.Failed, reason);

    /// <summary>
    /// Stops taking updates, waits for those in flight and their writes, and aggregates. The accepted
    /// deltas (appended to the round's pack, not yet durable) are then in <see cref="Staged"/>: the
    /// caller commits them with the round (<see cref="IRoundStore.CommitRoundAsync(long, FedUnlearn.Contracts.Parameters.ParameterSet, int, IReadOnlyList{TaskResult}, CancellationToken)"/>)
    /// or records them with <see cref="SubmitStagedAsync"/>, then calls <see cref="ReleaseStaged"/>.
    /// </summary>
    public async Task<(AggregationResult Result, IReadOnlyList<RejectedUpdate> EarlyRejections)> CloseAsync()
    {
        Task drained;
        lock (_gate)
        {
            _closed = true;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight == 0) _drained.TrySetResult();
            drained = _drained.Task;
        }

        await drained.ConfigureAwait(false);
        Task[] writes;
        lock (_gate) writes = [.. _writes];
        await Task.WhenAll(writes).ConfigureAwait(false);
        AggregationResult result = _aggregator.Result();
        lock (_gate) return (result, [.. _earlyRejections]);
    }

    private async Task<Verdict> FinishAsync(string taskId, TaskOutcome outcome, string reason)
    {
        RoundTask task;
        lock (_gate)
        {
            task = _tasks[taskId];
            if (Answer(task) is { } earlier) return earlier;
            if (_closed) return Verdict.Late;
            if (task.Claimed) return Verdict.Rejected($"another upload of task '{taskId}' is being processed; retry", isFinal: false);
            if (outcome == TaskOutcome.Rejected) _earlyRejections.Add(new RejectedUpdate(task.ClientId, reason));
            else _aggregator.ReportFailure(task.ClientId, reason);
            task.Claimed = true;
            _inFlight++;
        }

        TaskState state = outcome == TaskOutcome.Rejected ? TaskState.Rejected : TaskState.Failed;
        Task write = Resolve(task, outcome, reason, _store.FailTaskAsync(taskId, state, reason, CancellationToken.None));
        LeaveFlight();
        await write.ConfigureAwait(false);
        return outcome == TaskOutcome.Rejected ? Verdict.Rejected(reason) : Verdict.Accepted;
    }

    private Task Resolve(RoundTask task, TaskOutcome outcome, string? reason, Task? write)
    {
        Task stored = write ?? (outcome == TaskOutcome.Rejected
            ? _store.FailTaskAsync(task.TaskId, TaskState.Rejected, reason!, CancellationToken.None)
            : Task.CompletedTask);
        lock (_gate)
        {
            task.Outcome = outcome;
            task.Reason = reason;
            _writes.Add(stored);
            if (--_unresolved == 0) _allReported.TrySetResult();
        }

        return stored;
    }

    private void LeaveFlight()
    {
        lock (_gate)
        {
            if (--_inFlight == 0) _drained?.TrySetResult();
        }
    }

    private static Verdict? Answer(RoundTask task) => task.Outcome switch
    {
        TaskOutcome.Accepted or TaskOutcome.Failed => Verdict.Duplicate,
        TaskOutcome.Rejected => Verdict.Rejected(task.Reason!),
        _ => null,
    };
}
