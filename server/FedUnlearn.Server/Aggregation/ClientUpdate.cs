using FedUnlearn.Server.Aggregation.Internal;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation;

/// <summary>One client's contribution to a round, already mapped from the wire.</summary>
/// <param name="ClientId">The client that trained.</param>
/// <param name="SampleCount">Samples it trained on: the weight of its update in FedAvg.</param>
/// <param name="Parameters">Its adapter or delta, depending on <paramref name="Kind"/>.</param>
/// <param name="Kind">Whether <paramref name="Parameters"/> is a delta or the adapter itself.</param>
public sealed record ClientUpdate(string ClientId, long SampleCount, ParameterSet Parameters, UpdateKind Kind = UpdateKind.Delta)
{
    /// <summary>Scalar training metrics the client reported (loss, accuracy...), averaged by sample count.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = EmptyMetrics.Instance;
}
