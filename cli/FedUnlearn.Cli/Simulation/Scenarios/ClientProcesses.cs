using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Where the simulated clients run. Either way they talk to the aggregator over gRPC on loopback.</summary>
public enum ClientProcesses
{
    /// <summary>All clients inside the simulation process.</summary>
    [JsonStringEnumMemberName("in-process")]
    InProcess,

    /// <summary>One child process per client.</summary>
    [JsonStringEnumMemberName("separate")]
    Separate,
}
