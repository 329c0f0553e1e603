using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Client.Events;

/// <summary>The learner reported progress on a task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">Train or unlearn.</param>
/// <param name="Progress">Steps done, steps planned, latest loss.</param>
public sealed record TaskProgressEventArgs(string TaskId, ClientTaskKind Kind, LocalProgress Progress);
