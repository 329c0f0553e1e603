using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>What one method's campaign produced, before central evaluation.</summary>
internal sealed record CampaignOutcome
{
    public required MethodSettings Method { get; init; }

    public required bool IsReference { get; init; }

    /// <summary>The global adapter after the campaign.</summary>
    public required ParameterSet Adapter { get; init; }

    /// <summary>Global versions the campaign committed (a server-side reset counts).</summary>
    public required int Commits { get; init; }

    /// <summary>Each client round of the campaign: its number, wall time, bytes sent, and the adapter it committed.</summary>
    public required IReadOnlyList<(int Round, double Seconds, long BytesSent, ParameterSet Adapter)> History { get; init; }

    /// <summary>Wall time from filing the request to the federation's verified verdict.</summary>
    public required double WallSeconds { get; init; }

    public required long BytesSent { get; init; }

    public required long BytesReceived { get; init; }
}
