namespace FedUnlearn.Server.Aggregation.NormBound;

/// <summary>Fluent wrapping of a strategy with a norm bound.</summary>
public static class NormBoundExtensions
{
    /// <summary>Wraps <paramref name="strategy"/> so every update's delta norm is bounded first.</summary>
    public static IAggregationStrategy WithNormBound(this IAggregationStrategy strategy, NormBoundOptions options) =>
        new NormBoundStrategy(strategy, options);

    /// <summary>Wraps <paramref name="strategy"/> so every update's delta norm is clipped to <paramref name="bound"/>.</summary>
    public static IAggregationStrategy WithNormBound(this IAggregationStrategy strategy, double bound, NormBoundMode mode = NormBoundMode.Clip) =>
        new NormBoundStrategy(strategy, new NormBoundOptions { Bound = bound, Mode = mode });
}
