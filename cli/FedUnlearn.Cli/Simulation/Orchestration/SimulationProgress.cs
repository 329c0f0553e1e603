using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.Cli.Simulation.Orchestration;

/// <summary>Ready-made <see cref="ISimulationProgress"/> implementations.</summary>
public static class SimulationProgress
{
    /// <summary>Reports nothing (tests, embedding).</summary>
    public static ISimulationProgress Silent { get; } = new SilentProgress();

    private sealed class SilentProgress : ISimulationProgress
    {
        public void Stage(string description) { }

        public void RoundCompleted(int round, int totalRounds, double wallSeconds) { }

        public void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds) { }

        public void CampaignStarted(int request, string method, int rounds) { }

        public void CampaignRoundCompleted(int request, string method, int round, int rounds) { }

        public void CampaignCompleted(int request, MethodResult result) { }
    }
}
