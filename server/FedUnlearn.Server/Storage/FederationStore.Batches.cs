using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRecord>> CreateTasksAsync(long round, TaskKind kind, IReadOnlyList<(string TaskId, string ClientId)> tasks,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return InTransactionAsync<IReadOnlyList<TaskRecord>>(async (c, tx) =>
        {
            await RunningRoundAsync(c, tx, round, cancellationToken);
            var created = new List<TaskRecord>(tasks.Count);
            foreach (var (taskId, clientId) in tasks)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
                if (await TaskAsync(c, tx, taskId, cancellationToken) is { } existing)
                {
                    created.Add(existing.Round == round && existing.ClientId == clientId && existing.Kind == kind
                        ? existing
                        : throw new InvalidOperationException($"Task '{taskId}' already exists for round {existing.Round}, client '{existing.ClientId}'."));
                    continue;
                }

                if (await c.ScalarAsync("SELECT 1 FROM clients WHERE id = $id", cancellationToken, tx, ("$id", clientId)) is null)
                    throw new InvalidOperationException($"No client '{clientId}' is registered.");
                await c.ExecuteAsync("INSERT INTO tasks (task_id, round, client_id, kind, state, created_ms) VALUES ($t, $r, $c, $k, $s, $now)",
                    cancellationToken, tx, ("$t", taskId), ("$r", round), ("$c", clientId), ("$k", Text(kind)),
                    ("$s", Text(TaskState.Assigned)), ("$now", Now));
                created.Add((await TaskAsync(c, tx, taskId, cancellationToken))!);
            }

            return created;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StagedBlob> StageBlobAsync(ParameterSet parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (hash, hold) = await WriteBlobAsync(parameters, cancellationToken);
        return new StagedBlob(hash, hold);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskSubmission>> SubmitTasksAsync(IReadOnlyList<TaskResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        // Packed deltas become durable here, all at once, before any row can point at them.
        await SealPacksAsync(results, cancellationToken);
        return await InTransactionAsync((c, tx) => SubmitInTransactionAsync(c, tx, results, Now, cancellationToken), cancellationToken);
    }

    /// <summary>The rows of a batched submission, inside the caller's transaction (packs already sealed).</summary>
    private static async Task<IReadOnlyList<TaskSubmission>> SubmitInTransactionAsync(SqliteConnection c, SqliteTransaction tx,
        IReadOnlyList<TaskResult> results, long now, CancellationToken cancellationToken)
    {
        var submissions = new List<TaskSubmission>(results.Count);
        foreach (var result in results)
        {
            var hash = result.Blob?.Hash;
            var changed = await c.ExecuteAsync(
                "UPDATE tasks SET state = $submitted, submitted_ms = $now, blob_hash = $hash, sample_count = $n WHERE task_id = $t AND state = $assigned",
                cancellationToken, tx, ("$submitted", Text(TaskState.Submitted)), ("$now", now), ("$hash", hash),
                ("$n", result.SampleCount), ("$t", result.TaskId), ("$assigned", Text(TaskState.Assigned)));
            var task = await TaskAsync(c, tx, result.TaskId, cancellationToken) ?? throw new KeyNotFoundException($"No task '{result.TaskId}'.");
            if (changed > 0 && hash is not null && task.Kind != TaskKind.Evaluate)
            {
                if (result.Blob!.Pack is not null) await RecordPackEntryAsync(c, tx, result.Blob, task.Round, now, cancellationToken);
                await c.ExecuteAsync("INSERT INTO client_deltas (task_id, round, client_id, blob_hash) VALUES ($t, $r, $c, $h)",
                    cancellationToken, tx, ("$t", result.TaskId), ("$r", task.Round), ("$c", task.ClientId), ("$h", hash));
            }

            submissions.Add(new TaskSubmission(task, Stored: changed > 0));
        }

        return submissions;
    }
}
