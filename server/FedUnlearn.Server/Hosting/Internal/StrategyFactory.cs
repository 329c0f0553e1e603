using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.ExactLora;
using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Aggregation.NormBound;
using FedUnlearn.Server.Aggregation.Robust;

namespace FedUnlearn.Server.Hosting.Internal;

/// <summary>Builds the configured strategy, wrapped with the norm bound when one is set.</summary>
internal static class StrategyFactory
{
    public static IAggregationStrategy Create(FederationServerOptions options)
    {
        IAggregationStrategy strategy = options.Strategy switch
        {
            StrategyNames.FedAvg => new FedAvgStrategy(Shared(new StrategyOptions(), options)),
            StrategyNames.ExactLora => new ExactLoraStrategy(Shared(new ExactLoraOptions(), options)),
            StrategyNames.Median => new CoordinateMedianStrategy(Shared(new StrategyOptions(), options)),
            StrategyNames.TrimmedMean => new TrimmedMeanStrategy(Shared(new TrimmedMeanOptions { Beta = options.TrimmedMeanBeta }, options)),
            _ => throw new ArgumentException($"Unknown strategy '{options.Strategy}'.", nameof(options)),
        };
        return options.NormBound is { } bound ? strategy.WithNormBound(bound, options.NormBoundMode) : strategy;
    }

    private static T Shared<T>(T strategy, FederationServerOptions options) where T : StrategyOptions
    {
        // A fixed count is taken from a full shuffle (fraction 1), so it stays a uniform sample.
        strategy.FractionTrain = options.ClientsPerRound is null ? options.ClientFraction : 1.0;
        strategy.MinTrainClients = options.MinClients;
        strategy.FractionEvaluate = 0;
        strategy.Seed = options.Seed;
        return strategy;
    }
}
