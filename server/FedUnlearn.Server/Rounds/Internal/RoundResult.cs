namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>A finished round: its summary and, for an evaluation round, the reports that counted.</summary>
internal sealed record RoundResult(RoundSummary Summary, IReadOnlyList<ClientEvaluation> Evaluations);
