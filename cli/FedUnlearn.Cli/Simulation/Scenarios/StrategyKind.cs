using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The aggregation strategy of the simulated server (see <c>FedUnlearn.Server.Aggregation</c>).</summary>
public enum StrategyKind
{
    /// <summary>FedAvg over A and B, weighted by sample count.</summary>
    [JsonStringEnumMemberName("fedavg")]
    FedAvg,

    /// <summary>Exact LoRA: A frozen and shared, only B trained, so the average of B·A is exact.</summary>
    [JsonStringEnumMemberName("exact-lora")]
    ExactLora,

    /// <summary>Coordinate-wise median (robust to poisoned updates).</summary>
    [JsonStringEnumMemberName("median")]
    Median,

    /// <summary>Coordinate-wise trimmed mean (robust to poisoned updates).</summary>
    [JsonStringEnumMemberName("trimmed-mean")]
    TrimmedMean,
}
