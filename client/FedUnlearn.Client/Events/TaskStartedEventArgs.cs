namespace FedUnlearn.Client.Events;

/// <summary>A task arrived and local work on it begins.</summary>
/// <param name="TaskId">The server's task id.</param>
/// <param name="Kind">Train, unlearn or evaluate.</param>
/// <param name="Round">The server round it belongs to.</param>
/// <param name="AdapterVersion">The global adapter version it starts from.</param>
public sealed record TaskStartedEventArgs(string TaskId, ClientTaskKind Kind, ulong Round, ulong AdapterVersion);
