namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>How the clients' training data is split.</summary>
public sealed record PartitionSettings
{
    /// <summary>The partitioner. Default <see cref="PartitionKind.Dirichlet"/>.</summary>
    public PartitionKind Kind { get; init; } = PartitionKind.Dirichlet;

    /// <summary>Dirichlet concentration α (&gt; 0; smaller is more skewed). Default 0.5.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>By-class: whole classes per client. Default 2.</summary>
    public int ClassesPerClient { get; init; } = 2;
}
