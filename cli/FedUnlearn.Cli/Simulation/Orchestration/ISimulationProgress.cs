using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.Cli.Simulation.Orchestration;

/// <summary>
/// What a running simulation reports as it goes: setup stages, training rounds, and each method's
/// campaign round by round. Called from the simulation's thread, one call at a time.
/// </summary>
public interface ISimulationProgress
{
    /// <summary>A setup step begins (loading data, pre-training the base).</summary>
    void Stage(string description);

    /// <summary>Training round <paramref name="round"/> of <paramref name="totalRounds"/> committed.</summary>
    void RoundCompleted(int round, int totalRounds, double wallSeconds);

    /// <summary>A training segment ended and its rounds were evaluated.</summary>
    void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds);

    /// <summary>Method <paramref name="method"/>'s campaign for request <paramref name="request"/> (0-based) starts: <paramref name="rounds"/> rounds.</summary>
    void CampaignStarted(int request, string method, int rounds);

    /// <summary>One campaign round committed.</summary>
    void CampaignRoundCompleted(int request, string method, int round, int rounds);

    /// <summary>The campaign and its evaluation finished.</summary>
    void CampaignCompleted(int request, MethodResult result);
}
