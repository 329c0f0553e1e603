namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Where the report goes.</summary>
public sealed record OutputSettings
{
    /// <summary>Report folder (created if missing), relative to the working directory. Default <c>simulation-report</c>.</summary>
    public string Directory { get; init; } = "simulation-report";
}
