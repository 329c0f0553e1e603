using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Coordinate-wise median over buffered deltas.</summary>
internal sealed class MedianAggregator(RoundContext round, UpdateValidator validator)
    : BufferedCoordinateAggregator(round, validator)
{
    protected override float CombineCoordinate(Span<float> clientValues) => CoordinateSelection.Median(clientValues);
}
