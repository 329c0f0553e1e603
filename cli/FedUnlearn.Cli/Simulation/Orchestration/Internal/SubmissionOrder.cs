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
/// number is known per task kind: the training selection size, or, for unlearning, every active client or the requester alone of a sample-scope correction)
/// and every participant with a lower index has had its result acknowledged by the server.
/// </remarks>
internal sealed class SubmissionOrder(Func<ClientTaskKind, int> participants)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Turns> _rounds = [];
    private readonly Dictionary<string, (long Round, int Client)> _tasks = new(StringComparer.Ordinal);

    /// <summary>Client <paramref name="client"/> received a train or unlearn task of round <paramref name="round"/>.</summary>
    public void Started(int client, string taskId, long round, ClientTaskKind kind)
    {
        if (kind == ClientTaskKind.Evaluate) return;
        lock (_gate)
        {
            _tasks[taskId] = (round, client);
            var turns = TurnsOf(round);
            turns.Expected = participants(kind);
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
            var turns = TurnsOf(task.Round);
            turns.Done.Add(task.Client);
            Release(turns);
            if (turns.Done.Count == turns.Expected && turns.Waiters.Count == 0) _rounds.Remove(task.Round);
        }
    }

    /// <summary>Completes when client <paramref name="client"/> may hand its result of <paramref name="round"/> to the server.</summary>
    public Task WaitTurnAsync(int client, long round, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var turns = TurnsOf(round);
            if (turns.IsTurnOf(client)) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            turns.Waiters.Add((client, waiter));
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    private Turns TurnsOf(long round)
    {
        if (!_rounds.TryGetValue(round, out var turns)) _rounds[round] = turns = new Turns();
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
