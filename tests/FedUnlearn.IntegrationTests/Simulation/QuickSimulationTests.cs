using System.Xml.Linq;
using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>The quick synthetic scenario end to end: a real aggregator and three clients over loopback gRPC.</summary>
[Collection(SimulationCollection.Name)]
public sealed class QuickSimulationTests(QuickSimulation run)
{
    [Fact]
    public void Simulate_QuickScenario_ExitsZeroAndPrintsEveryRequestsTable()
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("Forget request 1: 20 of client 0's samples", run.Output);
        Assert.Contains("Forget request 2: class 2", run.Output);
        Assert.Contains("Final test accuracy", run.Output);
        Assert.Contains($"Report: {Path.Combine(run.ReportDirectory, ReportFiles.Markdown)}", run.Output);
    }

    [Fact]
    public async Task Simulate_QuickScenario_WritesAReportThatParses()
    {
        string[] names = [ReportFiles.Results, ReportFiles.Markdown, ReportFiles.Accuracy,
            ReportFiles.ForgetVsRetain(0), ReportFiles.Mia(0), ReportFiles.ForgetVsRetain(1), ReportFiles.Mia(1)];
        Assert.Equal(names.Order(), Directory.GetFiles(run.ReportDirectory).Select(Path.GetFileName).Order());
        foreach (var svg in names.Where(n => n.EndsWith(".svg", StringComparison.Ordinal)))
            Assert.Equal("svg", XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.ReportDirectory, svg))).Root!.Name.LocalName);
        var markdown = await File.ReadAllTextAsync(Path.Combine(run.ReportDirectory, ReportFiles.Markdown));
        Assert.StartsWith("# FedUnlearn simulation: quick-synthetic", markdown);
        Assert.Equal("quick-synthetic", run.Results.Scenario.Name);
        Assert.Equal(DatasetKind.Synthetic, run.Results.Environment.Dataset);
    }

    [Fact]
    public void Simulate_QuickScenario_MeasuresEveryRoundOfTheMainLine()
    {
        var rounds = run.Results.Rounds;
        Assert.Equal([1, 2], rounds.Select(r => r.Round));
        // Round 2 follows request 1's retraining: its reset and one campaign round are on the main line.
        Assert.Equal([1L, 4L], rounds.Select(r => r.GlobalVersion));
        Assert.All(rounds, r => Assert.InRange(r.TestAccuracy!.Value, 0.5, 1.0));
        Assert.All(rounds, r => Assert.Equal(3, r.ClientSamples.Count(n => n > 0)));
        // The quick scenario holds 800 client samples; request 1 tombstones 20 of them before round 2.
        Assert.Equal([800, 780], rounds.Select(r => r.ClientSamples.Sum()));
        Assert.All(rounds, r => Assert.True(r.BytesSent > 0 && r.BytesReceived > 0));
        Assert.Equal([1, 2], run.Results.ForgetEvents.Select(e => e.AfterRound));
    }

    [Fact]
    public void Simulate_QuickScenario_ComparesEveryMethodWithRetraining()
    {
        foreach (var request in run.Results.Requests)
        {
            Assert.Equal(["rfa", "nabla-tau", "retrain"], request.Methods.Select(m => m.Name));
            Assert.Equal("retrain", request.Reference!.Name);
            Assert.Equal(request.AtRound, request.Reference.Rounds);
            foreach (var m in request.Methods)
            {
                Assert.InRange(m.MiaLoss!.Value, 0, 1);
                Assert.InRange(m.TestAccuracy!.Value, 0.5, 1);
                Assert.True(m.WallTimeSeconds > 0 && m.BytesSent > 0 && m.BytesReceived > 0);
                Assert.Equal(m.Rounds, m.History.Count);
                Assert.Equal(m.IsReference, m.ActivationDistance is null);
            }
        }

        var samples = run.Results.Requests[0];
        Assert.Equal(20, samples.ForgetCount);
        var forgetClass = run.Results.Requests[1];
        Assert.Equal(ForgetScope.Class, forgetClass.Scope);
        // A class never seen by the retrained adapter is (almost) never predicted, whatever the base did.
        Assert.True(forgetClass.Reference!.ForgetAccuracy < 0.25, $"retrain kept {forgetClass.Reference.ForgetAccuracy:P1} of class 2");
        Assert.All(forgetClass.Methods, m => Assert.Equal(4, m.PerClassTestAccuracy!.Count(a => a is not null)));
    }

    [Fact]
    public async Task Simulate_SameScenarioTwice_GivesTheSameNumbers()
    {
        var scenario = await ScenarioLoader.LoadAsync(run.ScenarioPath);
        var again = await new SimulationRunner().RunAsync(scenario);
        Assert.Equal(ComparableResults.Metrics(run.Results), ComparableResults.Metrics(again.WithSpeedUps()));
    }
}
