namespace FedUnlearn.Client.Events;

/// <summary>A task's result (an adapter, an evaluation report or a local failure) was sent.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">Train, unlearn or evaluate.</param>
/// <param name="Outcome">What the server did with it.</param>
/// <param name="PayloadBytes">Adapter bytes uploaded (0 for evaluation results and failures).</param>
/// <param name="ErrorCode">When the task failed locally: the code reported to the server (e.g. <c>learner_failed</c>); otherwise null.</param>
/// <param name="Message">The local failure's or the server's explanation, when there is one.</param>
public sealed record TaskSubmittedEventArgs(
    string TaskId,
    ClientTaskKind Kind,
    TaskSubmissionOutcome Outcome,
    long PayloadBytes,
    string? ErrorCode,
    string? Message);
