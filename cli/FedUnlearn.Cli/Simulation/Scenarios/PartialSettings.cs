namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>
/// The layer-wise partial wrapper (Gogineni &amp; Nadimi): limits an optimisation-based method's
/// updates to chosen layers, or to the top share of coordinates per layer.
/// </summary>
public sealed record PartialSettings
{
    /// <summary>Layer names or suffixes allowed to change; null for all adapted layers.</summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>Share of each layer's coordinates (largest update magnitude) kept, in (0, 1]; null keeps all.</summary>
    public double? TopFraction { get; init; }
}
