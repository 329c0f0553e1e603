namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The simulated clients.</summary>
public sealed record ClientSettings
{
    /// <summary>Number of clients (at least 2). Default 5.</summary>
    public int Count { get; init; } = 5;

    /// <summary>Where they run. Default <see cref="ClientProcesses.InProcess"/>.</summary>
    public ClientProcesses Processes { get; init; } = ClientProcesses.InProcess;
}
