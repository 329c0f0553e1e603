namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>What a client process reports (<see cref="ControlMessages"/>).</summary>
internal enum ControlEventKind
{
    None,
    Ready,
    Joined,
    Started,
    Turn,
    Submitted,
}
