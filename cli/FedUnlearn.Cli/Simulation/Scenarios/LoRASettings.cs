namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The LoRA adapters the clients train (see <c>FedUnlearn.Learning.Models.LoRASpec</c>).</summary>
public sealed record LoRASettings
{
    /// <summary>Rank r. Default 8.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>Scale α (the adapter output is multiplied by α/r). Default 16.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Linear layer names or suffixes; null for every linear of the model family.</summary>
    public IReadOnlyList<string>? Targets { get; init; }
}
