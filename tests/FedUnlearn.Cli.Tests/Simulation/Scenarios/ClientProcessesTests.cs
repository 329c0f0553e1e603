using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Tests.Simulation.Scenarios;

/// <summary><c>clients.processes</c>: where the simulated clients run.</summary>
public class ClientProcessesTests
{
    [Fact]
    public void Parse_NoProcesses_RunsTheClientsInProcess()
    {
        Assert.Equal(ClientProcesses.InProcess, ScenarioLoader.Parse("""{ "clients": { "count": 3 } }""").Clients.Processes);
    }

    [Fact]
    public void Parse_Separate_IsValid()
    {
        var scenario = ScenarioLoader.Parse("""{ "clients": { "count": 3, "processes": "separate" } }""");
        Assert.Equal(ClientProcesses.Separate, scenario.Clients.Processes);
        Assert.Empty(ScenarioValidator.Validate(scenario));
    }

    [Fact]
    public void Serialize_Separate_ReadsBackTheSameScenario()
    {
        // Client processes read the scenario the simulation writes: it must come back field for field.
        var scenario = ScenarioLoader.Parse("""{ "seed": 9, "clients": { "count": 3, "processes": "separate" }, "dataset": { "kind": "synthetic", "trainSize": 500, "publicFraction": 0.15 } }""");
        var json = ScenarioLoader.Serialize(scenario);
        Assert.Contains("\"processes\": \"separate\"", json);
        Assert.Equal(json, ScenarioLoader.Serialize(ScenarioLoader.Parse(json)));
    }

    [Theory]
    [InlineData("\"processes\"", "'processes' is not one of: in-process, separate")]
    [InlineData("\"Separate\"", "'Separate' is not one of: in-process, separate")]
    public void Parse_UnknownMode_ListsTheModes(string value, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse($$"""{ "clients": { "processes": {{value}} } }""")).Errors.Single();
        Assert.Equal(("clients.processes", message), (error.Path, error.Message));
    }
}
