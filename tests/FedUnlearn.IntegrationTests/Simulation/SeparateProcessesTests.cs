using FedUnlearn.Cli;
using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// <c>clients.processes: separate</c> end to end: every client is a real <c>fedunlearn client</c> process, a
/// sample forget request is filed from the requesting client's store, and the numbers equal those of the
/// same scenario with the clients in process.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class SeparateProcessesTests : IDisposable
{
    // Two training rounds around one sample request: round 2 trains with the request's tombstones, which a fresh
    // client process only has from its prepared store; ∇τ reads the forget set through the client's own request.
    private const string Tiny = """
        {
          "name": "tiny-processes",
          "seed": 11,
          "dataset": { "kind": "synthetic", "trainSize": 300, "testSize": 80, "publicFraction": 0.2, "classes": 4 },
          "clients": { "count": 2, "processes": "separate" },
          "model": { "kind": "mlp", "hiddenSizes": [16], "lora": { "rank": 2, "alpha": 4 } },
          "training": { "rounds": 2, "localEpochs": 1, "batchSize": 32, "learningRate": 0.003 },
          "forgetRequests": [ { "atRound": 1, "scope": "samples", "client": 0, "count": 10 } ],
          "methods": [ { "name": "nabla-tau" }, { "name": "retrain" } ],
          "evaluation": { "mia": true, "reference": "retrain" }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("fedunlearn-processes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_SeparateProcesses_WritesTheReportWithTheNumbersOfTheInProcessRun()
    {
        var path = Path.Combine(_directory, "tiny.json");
        await File.WriteAllTextAsync(path, Tiny);
        var report = Path.Combine(_directory, "report");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["simulate", path, "--output", report], output, error);

        Assert.True(exit == 0, $"{error}{output}");
        Assert.Empty(ChildProcesses.SimulationClients());
        Assert.True(File.Exists(Path.Combine(report, ReportFiles.Markdown)));
        var separate = await ResultsJson.ReadAsync(Path.Combine(report, ReportFiles.Results));
        Assert.Equal(ClientProcesses.Separate, separate.Scenario.Clients.Processes);
        // 240 client samples (300 less the 20% public share); the request tombstones 10 of them before round 2.
        Assert.Equal([240, 230], separate.Rounds.Select(r => r.ClientSamples.Sum()));
        Assert.Equal(10, separate.Requests.Single().ForgetCount);

        var scenario = ScenarioLoader.Parse(Tiny);
        var inProcess = await new SimulationRunner().RunAsync(scenario with { Clients = scenario.Clients with { Processes = ClientProcesses.InProcess } });

        Assert.Equal(ComparableResults.Metrics(inProcess.WithSpeedUps() with { Scenario = separate.Scenario }), ComparableResults.Metrics(separate));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileClientProcessesRun_LeavesNoneBehind()
    {
        using var cancel = new CancellationTokenSource();
        var seen = new List<int>();
        var progress = new Callbacks(onCampaign: () =>
        {
            // The requesting client's process has filed the request: it is running now.
            seen.AddRange(ChildProcesses.SimulationClients());
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SimulationRunner(progress).RunAsync(ScenarioLoader.Parse(Tiny), cancel.Token));

        Assert.Equal(OperatingSystem.IsLinux(), seen.Count > 0);
        Assert.Empty(ChildProcesses.SimulationClients());
    }

    [Fact]
    public async Task RunAsync_ClientProcessCrashes_FailsNamingTheClientAndItsErrorOutput()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Once round 1 is trained, the base model file the client processes load disappears: the next federation's clients exit with an error.
        var progress = new Callbacks(onRound: () =>
        {
            var arguments = ChildProcesses.CommandLines().First().Arguments;
            File.Delete(arguments[Array.IndexOf(arguments, "--base") + 1]);
        });

        var error = await Assert.ThrowsAsync<SimulationException>(() => new SimulationRunner(progress).RunAsync(ScenarioLoader.Parse(Tiny)));

        Assert.Matches(@"^Client [01] \(client-00[01], process \d+\) exited with code 1 before the simulation stopped it\. The end of its error output:", error.Message);
        Assert.Contains("base.safetensors' does not exist.", error.Message);
        Assert.Empty(ChildProcesses.SimulationClients());
    }

    private sealed class Callbacks(Action? onRound = null, Action? onCampaign = null) : ISimulationProgress
    {
        public void Stage(string description) { }

        public void RoundCompleted(int round, int totalRounds, double wallSeconds) => onRound?.Invoke();

        public void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds) { }

        public void CampaignStarted(int request, string method, int rounds) => onCampaign?.Invoke();

        public void CampaignRoundCompleted(int request, string method, int round, int rounds) { }

        public void CampaignCompleted(int request, MethodResult result) { }
    }
}
