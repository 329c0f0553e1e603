namespace FedUnlearn.Server.Storage;

/// <summary>The outcome of submitting a task's result.</summary>
/// <param name="Task">The task after the call.</param>
/// <param name="Stored">
/// True when this call stored the result. False when the task was already final: a replay of an
/// earlier submission (<see cref="TaskState.Submitted"/>, the first result is kept and returned),
/// or too late (<see cref="TaskState.Expired"/>), or already rejected or failed.
/// </param>
public sealed record TaskSubmission(TaskRecord Task, bool Stored);
