namespace FedUnlearn.Server.Storage;

/// <summary>A task as stored.</summary>
/// <param name="TaskId">Unique id, chosen by the round runner; the idempotency key of a submission.</param>
/// <param name="Round">Its round.</param>
/// <param name="ClientId">The client it was sent to.</param>
/// <param name="Kind">Train, evaluate or unlearn.</param>
/// <param name="State">Its state.</param>
/// <param name="CreatedAt">When it was assigned.</param>
/// <param name="SubmittedAt">When its result was stored, rejected or failed.</param>
/// <param name="BlobHash">The stored result's blob, for tasks that return parameters.</param>
/// <param name="SampleCount">The sample count the client reported.</param>
/// <param name="Reason">Why it was rejected or failed.</param>
public sealed record TaskRecord(
    string TaskId, long Round, string ClientId, TaskKind Kind, TaskState State, DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt, string? BlobHash, long? SampleCount, string? Reason);
