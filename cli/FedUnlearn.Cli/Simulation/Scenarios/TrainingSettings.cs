namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Federated training of the adapters.</summary>
public sealed record TrainingSettings
{
    /// <summary>Training rounds. Default 10.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Local epochs per round. Default 2.</summary>
    public int LocalEpochs { get; init; } = 2;

    /// <summary>Mini-batch size. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Local AdamW learning rate. Default 0.003.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Clients asked to train each round; null for all of them.</summary>
    public int? ClientsPerRound { get; init; }

    /// <summary>The aggregation strategy. Default fedavg.</summary>
    public StrategyKind Strategy { get; init; } = StrategyKind.FedAvg;

    /// <summary>Trimmed mean: share trimmed at each end, in [0, 0.5). Default 0.1.</summary>
    public double TrimBeta { get; init; } = 0.1;

    /// <summary>L2 bound on each update's delta (clipped above it); null for none.</summary>
    public double? NormBound { get; init; }
}
