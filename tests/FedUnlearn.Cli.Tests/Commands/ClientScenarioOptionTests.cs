using FedUnlearn.Cli.Tests.Support;

namespace FedUnlearn.Cli.Tests.Commands;

/// <summary><c>fedunlearn client --scenario</c>: one client of a simulation scenario (how <c>simulate</c> runs separate client processes).</summary>
public sealed class ClientScenarioOptionTests : IDisposable
{
    private readonly TempDirectory _directory = new("fedunlearn-client-scenario-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Client_ScenarioWithDataOptions_ExitsOneNamingThem()
    {
        var run = await Client("--scenario", Scenario(), "--data", "synthetic", "--seed", "3");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --scenario takes the local data from the scenario; drop --data, --seed.", run.Error);
    }

    [Fact]
    public async Task Client_SimulationControlWithoutScenario_ExitsOne()
    {
        var run = await Client("--simulation-control");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--simulation-control is for client processes started by 'fedunlearn simulate' and needs --scenario", run.Error);
    }

    [Fact]
    public async Task Client_ClientIndexBeyondTheScenario_ExitsOneWithTheRange()
    {
        var run = await Client("--scenario", Scenario(), "--client-index", "4");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --client-index must be in 0..2 for scenario 'three' (got 4).", run.Error);
    }

    [Fact]
    public async Task Client_InvalidScenario_ExitsOneNamingTheField()
    {
        var path = _directory.File("bad.json");
        await File.WriteAllTextAsync(path, """{ "clients": { "count": 3, "processes": "elsewhere" } }""");
        var run = await Client("--scenario", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("clients.processes", run.Error);
    }

    [Fact]
    public async Task Help_Client_ShowsScenarioButNotTheSimulationControl()
    {
        var run = await CliRun.RunAsync("client", "--help");
        Assert.Contains("--scenario", run.Output);
        Assert.DoesNotContain("--simulation-control", run.Output);
    }

    private Task<CliRun> Client(params string[] extra)
    {
        var basePath = _directory.File("base.safetensors");
        File.WriteAllBytes(basePath, []);
        return CliRun.RunAsync(["client", "--server", "http://127.0.0.1:9", "--name", "client-000", "--token", "t", "--data-dir", _directory.File("node"),
            "--base", basePath, .. extra]);
    }

    private string Scenario()
    {
        var path = _directory.File("three.json");
        File.WriteAllText(path, """{ "name": "three", "dataset": { "kind": "synthetic", "trainSize": 200, "testSize": 40, "classes": 4 }, "clients": { "count": 3 } }""");
        return path;
    }
}
