using FedUnlearn.Client;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>One protocol line of a client process (<see cref="ControlMessages"/>).</summary>
internal readonly record struct ControlEvent(ControlEventKind Kind, long Round, ClientTaskKind TaskKind, string TaskId, int Samples);
