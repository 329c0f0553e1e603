using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Aggregation.Robust;

/// <summary>
/// Coordinate-wise median of the client deltas (Yin et al., 2018): robust to a minority of
/// poisoned updates. Unweighted (sample counts do not weight a median; a client could inflate its
/// count). It needs every update at once, so memory is O(clients × adapter), unlike FedAvg.
/// For an even count the two middle values are averaged.
/// </summary>
public sealed class CoordinateMedianStrategy : AggregationStrategyBase
{
    /// <summary>Creates the strategy.</summary>
    public CoordinateMedianStrategy(StrategyOptions? options = null) : base(options ?? new StrategyOptions()) { }

    /// <inheritdoc />
    public override string Name => "median";

    /// <inheritdoc />
    public override IUpdateAggregator CreateAggregator(RoundContext round) => new MedianAggregator(round, Validator);
}
