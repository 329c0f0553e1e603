using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Aggregation.NormBound;

/// <summary>
/// A decorator that bounds the L2 norm of every update's delta before the wrapped strategy sees it
/// (Flower's DP fixed-clipping wrapper, without the noise): clipped to the bound, or rejected.
/// Selection and evaluation are the wrapped strategy's.
/// </summary>
public sealed class NormBoundStrategy : IAggregationStrategy
{
    private readonly IAggregationStrategy _inner;
    private readonly NormBoundOptions _options;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public NormBoundStrategy(IAggregationStrategy inner, NormBoundOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _inner = inner;
        _options = options;
    }

    /// <inheritdoc />
    public string Name => $"{_inner.Name}+norm-{(_options.Mode == NormBoundMode.Clip ? "clip" : "reject")}";

    /// <inheritdoc />
    public IReadOnlyList<ClientInstruction> ConfigureTrain(RoundContext round, IReadOnlyList<ClientInfo> available) =>
        _inner.ConfigureTrain(round, available);

    /// <inheritdoc />
    public IReadOnlyList<string> FrozenParameters(RoundContext round) => _inner.FrozenParameters(round);

    /// <inheritdoc />
    public IUpdateAggregator CreateAggregator(RoundContext round) =>
        new NormBoundAggregator(_inner.CreateAggregator(round), _options);

    /// <inheritdoc />
    public IReadOnlyList<ClientInstruction> ConfigureEvaluate(RoundContext round, IReadOnlyList<ClientInfo> available) =>
        _inner.ConfigureEvaluate(round, available);

    /// <inheritdoc />
    public EvaluationSummary AggregateEvaluate(RoundContext round, IReadOnlyList<EvaluationResult> results) =>
        _inner.AggregateEvaluate(round, results);
}
