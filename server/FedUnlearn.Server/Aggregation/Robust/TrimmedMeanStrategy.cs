using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Aggregation.Robust;

/// <summary>
/// Coordinate-wise β-trimmed mean of the client deltas (Yin et al., 2018): per coordinate, drop
/// the ⌊β·n⌋ smallest and largest values and average the rest (unweighted). Like the median it
/// needs every update at once: memory O(clients × adapter).
/// </summary>
public sealed class TrimmedMeanStrategy : AggregationStrategyBase
{
    private readonly double _beta;

    /// <summary>Creates the strategy.</summary>
    public TrimmedMeanStrategy(TrimmedMeanOptions? options = null) : base(options ??= new TrimmedMeanOptions()) =>
        _beta = options.Beta;

    /// <inheritdoc />
    public override string Name => "trimmed-mean";

    /// <inheritdoc />
    public override IUpdateAggregator CreateAggregator(RoundContext round) => new TrimmedMeanAggregator(round, Validator, _beta);
}
