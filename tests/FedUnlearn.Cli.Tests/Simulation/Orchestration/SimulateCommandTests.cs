using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Tests.Support;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

/// <summary><c>fedunlearn simulate</c> refuses what it cannot run before anything starts.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedunlearn-simulate-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_BadField_ExitsOneNamingTheField()
    {
        var run = await CliRun.RunAsync("simulate", Write("""{ "training": { "rounds": 0 }, "forgetRequests": [] }"""));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("training.rounds", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Simulate_MisspelledProperty_ExitsOneSuggestingTheName()
    {
        var run = await CliRun.RunAsync("simulate", Write("{\n  \"training\": { \"roundz\": 3 }\n}"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("training.roundz", run.Error);
        Assert.Contains("rounds", run.Error);
    }

    [Fact]
    public async Task Simulate_MissingFile_ExitsOneSayingWhere()
    {
        var run = await CliRun.RunAsync("simulate", Path.Combine(_directory, "nope.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("file not found", run.Error);
    }

    [Fact]
    public async Task Simulate_SeparateProcesses_ExitsOneSayingItIsNotSupportedYet()
    {
        var run = await CliRun.RunAsync("simulate", Write("""{ "clients": { "processes": "separate" } }"""));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("clients.processes", run.Error);
        Assert.Contains("not supported", run.Error);
    }

    [Fact]
    public async Task Simulate_ShardedExactWithAClassRequestOrClientSampling_ExitsOneSayingWhy()
    {
        var run = await CliRun.RunAsync("simulate", Write("""
            { "training": { "rounds": 2, "clientsPerRound": 2 },
              "forgetRequests": [{ "atRound": 1, "scope": "class", "label": 1 }],
              "methods": [{ "name": "retrain" }, { "name": "sharded-exact" }] }
            """));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("methods[1].name: 'sharded-exact' cannot serve forgetRequests[0] (class scope)", run.Error);
        Assert.Contains("training.clientsPerRound: 'sharded-exact' is simulated with every client training every round", run.Error);
    }

    [Fact]
    public async Task Simulate_MethodsThisBuildLacks_ExitOneNamingThem()
    {
        var missing = FedUnlearn.Cli.Simulation.Scenarios.MethodCatalog.Names.Except(MethodPlan.Available()).ToList();
        // With every catalog method built there is nothing to refuse (the run itself is covered by the integration tests).
        if (missing.Count == 0) return;
        var methods = string.Join(", ", missing.Append("retrain").Select(n => $$"""{ "name": "{{n}}" }"""));
        var run = await CliRun.RunAsync("simulate", Write($$"""{ "methods": [{{methods}}] }"""));
        Assert.Equal(1, run.ExitCode);
        for (var i = 0; i < missing.Count; i++) Assert.Contains($"methods[{i}].name: '{missing[i]}' cannot be simulated yet", run.Error);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
