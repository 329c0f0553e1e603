using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// Same scenario and seed, same numbers, however slowly the simulation gets round to stopping a campaign's
/// federation: a leaving client's request continues the store of the retraining before it, so anything that
/// federation did after its verdict (a training round started, even committed) would change the request's figures.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class CampaignDeterminismTests
{
    private static readonly string Json = LeavingClientScenario.Json("late-stop", """{ "name": "client-removal", "rounds": 1 }, { "name": "retrain" }""", mia: false);

    [Fact]
    public async Task RunAsync_ObserverLingersAfterTheContinuedCampaignsLastRound_SameNumbersAsAPromptRun()
    {
        var scenario = ScenarioLoader.Parse(Json);

        var prompt = await new SimulationRunner().RunAsync(scenario);
        var late = await new SimulationRunner(new LingeringProgress(campaignRequest: 0, "retrain", TimeSpan.FromSeconds(1))).RunAsync(scenario);

        Assert.Equal([1, 2], late.Requests.Select(r => r.Methods.Count));
        // Request 2 continues request 1's retraining store: client-removal replays it, retraining renumbers after it.
        Assert.Equal(ComparableResults.Metrics(prompt), ComparableResults.Metrics(late));
    }

    /// <summary>
    /// Holds the simulation's thread for <paramref name="linger"/> when the last round of <paramref name="campaignMethod"/>'s
    /// campaign for <paramref name="campaignRequest"/> is reported, as a loaded machine may: the federation's server and clients
    /// go on meanwhile (its verification round, and whatever the server would do after its verdict: a few training
    /// rounds of these clients fit in a second) before the simulation sees the verdict and stops them.
    /// </summary>
    private sealed class LingeringProgress(int campaignRequest, string campaignMethod, TimeSpan linger) : ISimulationProgress
    {
        public void Stage(string description) { }

        public void RoundCompleted(int round, int totalRounds, double wallSeconds) { }

        public void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds) { }

        public void CampaignStarted(int request, string method, int rounds) { }

        public void CampaignRoundCompleted(int request, string method, int round, int rounds)
        {
            // The injected delay is the point of the test: the observer is late on purpose.
            if ((request, method, round) == (campaignRequest, campaignMethod, rounds)) Thread.Sleep(linger);
        }

        public void CampaignCompleted(int request, MethodResult result) { }
    }
}
