namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The dataset of a simulation and how much of it to use.</summary>
public sealed record DatasetSettings
{
    /// <summary>Which dataset. Default <see cref="DatasetKind.Auto"/>: Fashion-MNIST when installed, synthetic otherwise.</summary>
    public DatasetKind Kind { get; init; } = DatasetKind.Auto;

    /// <summary>Folder holding the Fashion-MNIST IDX files; null for the Debian location.</summary>
    public string? Path { get; init; }

    /// <summary>Training samples to use (taken by a seeded draw), capped for speed. Default 20,000.</summary>
    public int TrainSize { get; init; } = 20_000;

    /// <summary>Test samples to use. Default 2,000.</summary>
    public int TestSize { get; init; } = 2_000;

    /// <summary>
    /// Share of <see cref="TrainSize"/> kept back as public data on which the frozen base model is
    /// pre-trained; the clients share the rest. 0 skips pre-training (the base stays random). Default 0.1.
    /// </summary>
    public double PublicFraction { get; init; } = 0.1;

    /// <summary>Classes of the synthetic dataset (Fashion-MNIST always has 10). Default 10.</summary>
    public int Classes { get; init; } = 10;
}
