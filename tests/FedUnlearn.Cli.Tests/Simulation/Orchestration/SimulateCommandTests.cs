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
    public async Task Simulate_AmnesiacOrShardedExactWithClientProcesses_ExitsOneNamingBoth()
    {
        var run = await CliRun.RunAsync("simulate", Write("""
            { "clients": { "processes": "separate" },
              "forgetRequests": [{ "atRound": 1, "scope": "samples", "client": 0, "fraction": 0.1 }],
              "methods": [{ "name": "retrain" }, { "name": "amnesiac" }, { "name": "sharded-exact" }] }
            """));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("methods[1].name: 'amnesiac' cannot be simulated yet: it is simulated with in-process clients only", run.Error);
        Assert.Contains("methods[2].name: 'sharded-exact' cannot be simulated yet: it is simulated with in-process clients only", run.Error);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
