namespace FedUnlearn.Server.Hosting;

/// <summary>The strategy names <see cref="FederationServerOptions.Strategy"/> accepts.</summary>
public static class StrategyNames
{
    /// <summary>Sample-weighted federated averaging of the deltas (every tensor).</summary>
    public const string FedAvg = "fedavg";

    /// <summary>Frozen shared LoRA A, averaged B: the average of B·A is exact.</summary>
    public const string ExactLora = "exact-lora";

    /// <summary>Coordinate-wise median (robust, unweighted).</summary>
    public const string Median = "median";

    /// <summary>Coordinate-wise trimmed mean (robust, unweighted).</summary>
    public const string TrimmedMean = "trimmed-mean";

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyList<string> All { get; } = [FedAvg, ExactLora, Median, TrimmedMean];
}
