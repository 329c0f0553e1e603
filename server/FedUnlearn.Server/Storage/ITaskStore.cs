using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage;

/// <summary>Tasks sent to clients, their idempotent submissions, and the per-round client deltas.</summary>
public interface ITaskStore
{
    /// <summary>Records a task of a running round. Creating an existing task id again returns it unchanged.</summary>
    /// <exception cref="InvalidOperationException">The round is not running, or the id belongs to another round or client.</exception>
    Task<TaskRecord> CreateTaskAsync(string taskId, long round, string clientId, TaskKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a task's result: its parameters (null for evaluations) as a blob, and for train and
    /// unlearn tasks a client-delta row. Idempotent by task id: a second submission stores nothing
    /// and returns the first one's record.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such task.</exception>
    Task<TaskSubmission> SubmitTaskAsync(string taskId, ParameterSet? parameters, long sampleCount, CancellationToken cancellationToken = default);

    /// <summary>Records tasks of a running round for the given clients in one transaction (see <see cref="CreateTaskAsync"/>).</summary>
    Task<IReadOnlyList<TaskRecord>> CreateTasksAsync(long round, TaskKind kind, IReadOnlyList<(string TaskId, string ClientId)> tasks, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="parameters"/> as a blob, durably, ahead of a batched <see cref="SubmitTasksAsync"/>.</summary>
    Task<StagedBlob> StageBlobAsync(ParameterSet parameters, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the pack that collects round <paramref name="round"/>'s deltas in one file
    /// (<see cref="DeltaPack.AppendAsync"/> writes without an fsync); a cheaper alternative to
    /// <see cref="StageBlobAsync"/> for a round's many deltas. Reads go through <see cref="LoadBlobAsync"/> as before.
    /// </summary>
    DeltaPack OpenDeltaPack(long round);

    /// <summary>
    /// <see cref="SubmitTaskAsync"/> for many tasks in one transaction (one sync instead of one per
    /// task), with blobs staged beforehand. Idempotent per task like the single form. Deltas staged
    /// in a <see cref="DeltaPack"/> are made durable first (the pack is sealed: one fsync and the
    /// directory's); a packed delta must answer a task of the pack's round.
    /// </summary>
    Task<IReadOnlyList<TaskSubmission>> SubmitTasksAsync(IReadOnlyList<TaskResult> results, CancellationToken cancellationToken = default);

    /// <summary>Marks a waiting or submitted task rejected or failed, with the reason. A final task is returned unchanged.</summary>
    Task<TaskRecord> FailTaskAsync(string taskId, TaskState state, string reason, CancellationToken cancellationToken = default);

    /// <summary>The task with that id, or null.</summary>
    Task<TaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The tasks of a round, in creation order.</summary>
    Task<IReadOnlyList<TaskRecord>> ListTasksAsync(long round, CancellationToken cancellationToken = default);

    /// <summary>The client deltas kept for a round (empty once pruned).</summary>
    Task<IReadOnlyList<ClientDeltaRecord>> ListClientDeltasAsync(long round, CancellationToken cancellationToken = default);

    /// <summary>Loads a stored blob's parameters, verified against its hash.</summary>
    /// <exception cref="FileNotFoundException">No such blob (never stored, or pruned).</exception>
    /// <exception cref="BlobCorruptedException">The blob was altered on disk.</exception>
    Task<ParameterSet> LoadBlobAsync(string blobHash, CancellationToken cancellationToken = default);

    /// <summary>The accepted updates of a round with their weights and (while retained) their deltas, in task order.</summary>
    Task<IReadOnlyList<RoundContribution>> ListContributionsAsync(long round, CancellationToken cancellationToken = default);
}
