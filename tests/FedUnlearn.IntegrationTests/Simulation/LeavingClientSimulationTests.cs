using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// A client leaves while offline, right after a class request: the server removes it from the stored
/// history of the retraining the main line adopted, compared with retraining without it.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class LeavingClientSimulationTests
{
    private static readonly string Json = LeavingClientScenario.Json("leaving-client", """{ "name": "rfa" }, { "name": "client-removal", "rounds": 1 }, { "name": "retrain" }""", mia: true);

    [Fact]
    public async Task Simulate_ClientLeavesOffline_RemovalAndRetrainingWithoutIt()
    {
        var results = (await new SimulationRunner().RunAsync(ScenarioLoader.Parse(Json))).WithSpeedUps();

        var forgetClass = results.Requests[0];
        Assert.Equal(["rfa", "retrain"], forgetClass.Methods.Select(m => m.Name));
        Assert.NotNull(forgetClass.Methods[0].Verdict); // judged by the federation against retraining's verification
        Assert.Null(forgetClass.Methods[1].Verdict);

        var leaving = results.Requests[1];
        Assert.Equal((ForgetScope.Client, 1), (leaving.Scope, leaving.Client));
        // Its 240 samples less those of class 2, tombstoned by request 1.
        Assert.Equal($"client 1 leaves while offline ({leaving.ForgetCount} samples)", leaving.Description);
        Assert.InRange(leaving.ForgetCount, 150, 210);
        Assert.Equal(["client-removal", "retrain"], leaving.Methods.Select(m => m.Name));
        var (removal, retrain) = (leaving.Methods[0], leaving.Methods[1]);
        // Removal: one server-side recomputation, then one repair round with the two clients left; retraining: as many rounds as trained.
        Assert.Equal((1, 2), (removal.Rounds, retrain.Rounds));
        Assert.All(leaving.Methods, m => Assert.InRange(m.TestAccuracy!.Value, 0.5, 1.0));
        Assert.NotNull(removal.Verdict);
        Assert.True(removal.SpeedUp > 0);
        // Training does not resume after round 2: both requests come after the last round, and the client is gone.
        Assert.Equal([2, 2], results.ForgetEvents.Select(e => e.AfterRound));
    }
}
