using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;

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

    /// <summary>The federation's store after the campaign, for a later federation to continue.</summary>
    public required FederationHistory Federation { get; init; }

    /// <summary>The aggregated verification the federation measured (the clients' reports).</summary>
    public EvaluationReport? Verification { get; init; }

    /// <summary>The federation's verdict when it judged against a reference; null otherwise.</summary>
    public string? Verdict { get; init; }
}
