using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<TaskRecord> CreateTaskAsync(string taskId, long round, string clientId, TaskKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        return InTransactionAsync(async (c, tx) =>
        {
            if (await TaskAsync(c, tx, taskId, cancellationToken) is { } existing)
                return existing.Round == round && existing.ClientId == clientId && existing.Kind == kind
                    ? existing
                    : throw new InvalidOperationException($"Task '{taskId}' already exists for round {existing.Round}, client '{existing.ClientId}', kind {Text(existing.Kind)}.");
            await RunningRoundAsync(c, tx, round, cancellationToken);
            if (await c.ScalarAsync("SELECT 1 FROM clients WHERE id = $id", cancellationToken, tx, ("$id", clientId)) is null)
                throw new InvalidOperationException($"No client '{clientId}' is registered.");
            await c.ExecuteAsync("INSERT INTO tasks (task_id, round, client_id, kind, state, created_ms) VALUES ($t, $r, $c, $k, $s, $now)",
                cancellationToken, tx, ("$t", taskId), ("$r", round), ("$c", clientId), ("$k", Text(kind)),
                ("$s", Text(TaskState.Assigned)), ("$now", Now));
            return (await TaskAsync(c, tx, taskId, cancellationToken))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TaskSubmission> SubmitTaskAsync(string taskId, ParameterSet? parameters, long sampleCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        // A replay is answered from the record without touching the blob directory.
        var current = await GetTaskAsync(taskId, cancellationToken) ?? throw new KeyNotFoundException($"No task '{taskId}'.");
        if (current.State != TaskState.Assigned) return new TaskSubmission(current, Stored: false);

        var (hash, hold) = parameters is null ? (null, null) : await WriteBlobAsync(parameters, cancellationToken);
        using (hold)
        {
            return await InTransactionAsync(async (c, tx) =>
            {
                // Guarded on state: of two racing submissions exactly one changes the row.
                var changed = await c.ExecuteAsync(
                    "UPDATE tasks SET state = $submitted, submitted_ms = $now, blob_hash = $hash, sample_count = $n WHERE task_id = $t AND state = $assigned",
                    cancellationToken, tx, ("$submitted", Text(TaskState.Submitted)), ("$now", Now), ("$hash", hash),
                    ("$n", sampleCount), ("$t", taskId), ("$assigned", Text(TaskState.Assigned)));
                var task = (await TaskAsync(c, tx, taskId, cancellationToken))!;
                if (changed == 0) return new TaskSubmission(task, Stored: false);
                if (hash is not null && task.Kind != TaskKind.Evaluate)
                    await c.ExecuteAsync("INSERT INTO client_deltas (task_id, round, client_id, blob_hash) VALUES ($t, $r, $c, $h)",
                        cancellationToken, tx, ("$t", taskId), ("$r", task.Round), ("$c", task.ClientId), ("$h", hash));
                return new TaskSubmission(task, Stored: true);
            }, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<TaskRecord> FailTaskAsync(string taskId, TaskState state, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (state is not (TaskState.Rejected or TaskState.Failed))
            throw new ArgumentOutOfRangeException(nameof(state), state, "A task can only be marked rejected or failed.");
        return InTransactionAsync(async (c, tx) =>
        {
            var changed = await c.ExecuteAsync(
                "UPDATE tasks SET state = $s, reason = $reason, submitted_ms = COALESCE(submitted_ms, $now) WHERE task_id = $t AND state IN ($assigned, $submitted)",
                cancellationToken, tx, ("$s", Text(state)), ("$reason", reason), ("$now", Now), ("$t", taskId),
                ("$assigned", Text(TaskState.Assigned)), ("$submitted", Text(TaskState.Submitted)));
            // A refused update is not a delta of the round: its blob becomes prunable.
            if (changed > 0) await c.ExecuteAsync("DELETE FROM client_deltas WHERE task_id = $t", cancellationToken, tx, ("$t", taskId));
            return await TaskAsync(c, tx, taskId, cancellationToken) ?? throw new KeyNotFoundException($"No task '{taskId}'.");
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => TaskAsync(c, null, taskId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> ListTasksAsync(long round, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<TaskRecord>>(async c => await c.QueryAsync(
            $"SELECT {TaskColumns} FROM tasks WHERE round = $r ORDER BY seq", MapTask, cancellationToken, null, ("$r", round)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientDeltaRecord>> ListClientDeltasAsync(long round, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ClientDeltaRecord>>(async c => await c.QueryAsync(
            "SELECT d.round, d.client_id, d.task_id, d.blob_hash FROM client_deltas d JOIN tasks t ON t.task_id = d.task_id WHERE d.round = $r ORDER BY t.seq",
            r => new ClientDeltaRecord((long)r["round"], (string)r["client_id"], (string)r["task_id"], (string)r["blob_hash"]),
            cancellationToken, null, ("$r", round)), cancellationToken);

    private static async Task<TaskRecord?> TaskAsync(SqliteConnection c, SqliteTransaction? tx, string taskId, CancellationToken cancellationToken) =>
        (await c.QueryAsync($"SELECT {TaskColumns} FROM tasks WHERE task_id = $t", MapTask, cancellationToken, tx, ("$t", taskId))).SingleOrDefault();
}
