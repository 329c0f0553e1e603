namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>What a client process reports (<see cref="ControlMessages"/>).</summary>
internal enum ControlEventKind
{
    None,
    Joined,
    Started,
    Turn,
    Submitted,
}
