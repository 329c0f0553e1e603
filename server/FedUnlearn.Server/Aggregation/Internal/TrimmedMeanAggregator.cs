using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Coordinate-wise β-trimmed mean over buffered deltas.</summary>
internal sealed class TrimmedMeanAggregator(RoundContext round, UpdateValidator validator, double beta)
    : BufferedCoordinateAggregator(round, validator)
{
    protected override float CombineCoordinate(Span<float> clientValues) =>
        CoordinateSelection.TrimmedMean(clientValues, (int)Math.Floor(beta * clientValues.Length));
}
