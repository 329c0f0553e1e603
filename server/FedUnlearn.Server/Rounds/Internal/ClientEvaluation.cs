using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>One client's evaluation report in an evaluation round (aggregates only, nothing per sample).</summary>
internal sealed record ClientEvaluation(string ClientId, EvaluationReport Report);
