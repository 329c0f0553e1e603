using FedUnlearn.Server.Aggregation.Internal;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation;

/// <summary>
/// Shared behaviour of the built-in strategies: seeded sampling of a fraction of the available
/// clients, the same config for every selected client, sample-weighted evaluation means.
/// A subclass only says how updates are folded.
/// </summary>
public abstract class AggregationStrategyBase : IAggregationStrategy
{
    /// <summary>Checks and keeps <paramref name="options"/>.</summary>
    protected AggregationStrategyBase(StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Validator = new UpdateValidator(options.Validation);
    }

    /// <summary>The options this strategy was created with.</summary>
    protected StrategyOptions Options { get; }

    /// <summary>The validator every aggregator of this strategy applies.</summary>
    protected UpdateValidator Validator { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<ClientInstruction> ConfigureTrain(RoundContext round, IReadOnlyList<ClientInfo> available) =>
        ClientSampler.Sample(round, available, Options.FractionTrain, Options.MinTrainClients,
            Options.Seed, Options.TrainConfig);

    /// <inheritdoc />
    public virtual IReadOnlyList<string> FrozenParameters(RoundContext round) => [];

    /// <inheritdoc />
    public abstract IUpdateAggregator CreateAggregator(RoundContext round);

    /// <inheritdoc />
    public virtual IReadOnlyList<ClientInstruction> ConfigureEvaluate(RoundContext round, IReadOnlyList<ClientInfo> available) =>
        Options.FractionEvaluate == 0
            ? []
            : ClientSampler.Sample(round, available, Options.FractionEvaluate, Math.Max(1, Options.MinEvaluateClients),
                // A different stream than training's, so evaluators are not always the trainers.
                unchecked(Options.Seed * 31 + 17), Options.EvaluateConfig);

    /// <inheritdoc />
    public virtual EvaluationSummary AggregateEvaluate(RoundContext round, IReadOnlyList<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var metrics = new MetricAccumulator();
        int count = 0, ignored = 0;
        long samples = 0;
        double lossSum = 0;
        foreach (var r in results)
        {
            if (r.SampleCount <= 0 || !double.IsFinite(r.Loss)) { ignored++; continue; }
            count++;
            samples += r.SampleCount;
            lossSum += r.Loss * r.SampleCount;
            metrics.Add(r.Metrics, r.SampleCount);
        }
        return new EvaluationSummary(count, samples, count == 0 ? double.NaN : lossSum / samples, metrics.Means(), ignored);
    }
}
