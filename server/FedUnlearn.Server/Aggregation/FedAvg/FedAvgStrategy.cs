using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Aggregation.FedAvg;

/// <summary>
/// Federated averaging (McMahan et al.): the new global adapter is the global plus the mean of
/// the client deltas weighted by sample count, over every tensor (A and B alike). Streaming:
/// memory O(adapter), not O(clients × adapter). The default strategy.
/// </summary>
public sealed class FedAvgStrategy : AggregationStrategyBase
{
    /// <summary>Creates the strategy.</summary>
    public FedAvgStrategy(StrategyOptions? options = null) : base(options ?? new StrategyOptions()) { }

    /// <inheritdoc />
    public override string Name => "fedavg";

    /// <inheritdoc />
    public override IUpdateAggregator CreateAggregator(RoundContext round) => new WeightedSumAggregator(round, Validator);
}
