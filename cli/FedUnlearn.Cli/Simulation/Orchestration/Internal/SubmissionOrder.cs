using FedUnlearn.Client;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// Makes the server receive a round's updates in client order, whatever order the local work finishes
/// in. The server folds updates into a float32 running sum as they arrive, and float addition is not
/// associative: without this the last bits of the global adapter (and, rounds later, the reported
/// figures) would depend on thread timing. Work still runs in parallel; only the hand-over waits.
/// </summary>
/// <remarks>
/// A client's turn in a round comes once every participant of that round has started its task (their
/// number is known per task kind: the training selection size, or, for unlearning, every active client
/// or the requester alone of a sample-scope correction) and every participant with a lower index has had
/// its result acknowledged by the server. In a sharded federation the same holds per shard (group), whose
/// updates the server folds separately.
/// </remarks>
internal sealed class SubmissionOrder(Func<ClientTaskKind, int, int> participants, Func<int, int> groupOf)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(long Round, int Group), Turns> _rounds = [];

    /// <summary>One group: every client folds into the same global adapter.</summary>
    public SubmissionOrder(Func<ClientTaskKind, int> participants)
        : this((kind, _) => participants(kind), static _ => 0)
    {
    }
    private readonly Dictionary<string, (long Round, int Client)> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Task> _holds = [];
    private readonly Dictionary<int, long> _latest = [];

    /// <summary>The round of client <paramref name="client"/>'s latest train or unlearn task (a sharded task's settings carry round 0).</summary>
    public long RoundOf(int client)
    {
        lock (_gate) return _latest.GetValueOrDefault(client);
    }

    /// <summary>Client <paramref name="client"/> received a train or unlearn task of round <paramref name="round"/>.</summary>
    public void Started(int client, string taskId, long round, ClientTaskKind kind)
    {
        if (kind == ClientTaskKind.Evaluate) return;
        lock (_gate)
        {
            _latest[client] = round;
            _tasks[taskId] = (round, client);
            var turns = TurnsOf(round, client);
            turns.Expected = participants(kind, groupOf(client));
            turns.Started.Add(client);
            Release(turns);
        }
    }

    /// <summary>The server acknowledged task <paramref name="taskId"/>'s result (accepted, rejected or failed).</summary>
    public void Submitted(string taskId)
    {
        lock (_gate)
        {
            if (!_tasks.Remove(taskId, out var task)) return;
            var turns = TurnsOf(task.Round, task.Client);
            turns.Done.Add(task.Client);
            Release(turns);
            if (turns.Done.Count == turns.Expected && turns.Waiters.Count == 0) _rounds.Remove((task.Round, groupOf(task.Client)));
        }
    }

    /// <summary>Holds every hand-over of round <paramref name="round"/> until <paramref name="until"/> completes (the round cannot commit before).</summary>
    public void Hold(long round, Task until)
    {
        lock (_gate) _holds[round] = until;
    }

    /// <summary>Completes when client <paramref name="client"/> may hand its result of <paramref name="round"/> to the server.</summary>
    public Task WaitTurnAsync(int client, long round, CancellationToken cancellationToken)
    {
        Task turn;
        Task? hold;
        lock (_gate)
        {
            _holds.TryGetValue(round, out hold);
            var turns = TurnsOf(round, client);
            if (turns.IsTurnOf(client))
            {
                turn = Task.CompletedTask;
            }
            else
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                turns.Waiters.Add((client, waiter));
                turn = waiter.Task;
            }
        }

        return hold is null ? turn.WaitAsync(cancellationToken) : HeldAsync(hold, turn, cancellationToken);
    }

    private static async Task HeldAsync(Task hold, Task turn, CancellationToken cancellationToken)
    {
        await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // A sharded federation folds each shard on its own: only the order within a shard (group) matters.
    private Turns TurnsOf(long round, int client)
    {
        var key = (round, groupOf(client));
        if (!_rounds.TryGetValue(key, out var turns)) _rounds[key] = turns = new Turns();
        return turns;
    }

    private static void Release(Turns turns)
    {
        for (var i = turns.Waiters.Count - 1; i >= 0; i--)
        {
            if (!turns.IsTurnOf(turns.Waiters[i].Client)) continue;
            turns.Waiters[i].Waiter.TrySetResult();
            turns.Waiters.RemoveAt(i);
        }
    }

    private sealed class Turns
    {
        public int Expected { get; set; } = int.MaxValue;

        public SortedSet<int> Started { get; } = [];

        public HashSet<int> Done { get; } = [];

        public List<(int Client, TaskCompletionSource Waiter)> Waiters { get; } = [];

        public bool IsTurnOf(int client) =>
            Started.Count >= Expected && Started.GetViewBetween(int.MinValue, client - 1).All(Done.Contains);
    }
}
