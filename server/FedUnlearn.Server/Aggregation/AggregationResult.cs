using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation;

/// <summary>What a round's aggregation produced.</summary>
/// <param name="Parameters">The new global adapter (a copy of the old one when nothing was accepted).</param>
/// <param name="Summary">Who counted, with what weight, and who was rejected or failed.</param>
public sealed record AggregationResult(ParameterSet Parameters, AggregationSummary Summary)
{
    /// <summary>True when at least one update was accepted, so the adapter may have changed.</summary>
    public bool HasUpdates => Summary.Accepted > 0;
}
