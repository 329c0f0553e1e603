using FedUnlearn.Server.Aggregation.Internal;
namespace FedUnlearn.Server.Aggregation;

/// <summary>One client's evaluation of the global adapter on its local data.</summary>
/// <param name="ClientId">The reporting client.</param>
/// <param name="SampleCount">Samples evaluated: the weight of this report.</param>
/// <param name="Loss">Mean loss over those samples.</param>
public sealed record EvaluationResult(string ClientId, long SampleCount, double Loss)
{
    /// <summary>Further metrics (accuracy, MIA score...), averaged by sample count.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = EmptyMetrics.Instance;
}
