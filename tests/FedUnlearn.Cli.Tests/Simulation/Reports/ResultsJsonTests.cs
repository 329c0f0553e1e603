using System.Text.Json;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public class ResultsJsonTests
{
    [Fact]
    public void Serialize_ThenDeserialize_GivesTheSameResults()
    {
        var original = SampleResults.Create().WithSpeedUps();
        var json = ResultsJson.Serialize(original);
        var back = ResultsJson.Deserialize(json);

        Assert.Equal(json, ResultsJson.Serialize(back));
        Assert.Equal(original.Environment, back.Environment);
        Assert.Equal(original.ForgetEvents, back.ForgetEvents);
        Assert.Equal(0.512, back.Requests[0].Methods[0].MiaLoss);
        Assert.Equal(10.0, back.Requests[0].Methods[0].SpeedUp);
        Assert.Equal([100, 0, 300, 400, 500], back.Rounds[1].ClientSamples);
        Assert.Null(back.Requests[1].Methods[1].PerClassTestAccuracy![4]);
        Assert.Equal(ForgetScope.Class, back.Requests[1].Scope);
        Assert.Equal(ScenarioLoader.Serialize(original.Scenario), ScenarioLoader.Serialize(back.Scenario));
    }

    [Fact]
    public void Serialize_WritesNamesSeedsAndVersionsInvariantly()
    {
        var json = ResultsJson.Serialize(SampleResults.Create());
        Assert.StartsWith("{\n  \"format\": \"fedunlearn-simulation/1\",\n  \"scenario\": {", json);
        Assert.Contains("\"seed\": 42", json);
        Assert.Contains("\"libTorchVersion\": \"1.13.1\"", json);
        Assert.Contains("\"dataset\": \"fashion-mnist\"", json);
        Assert.Contains("\"activationDistance\": 0.01234", json);
        Assert.Contains("\"attackSuccessRate\": null", json);
        Assert.DoesNotContain("\r", json);
    }

    [Fact]
    public void Serialize_NotANumber_SurvivesTheRoundTrip()
    {
        var results = SampleResults.Create() with { Rounds = [new() { Round = 1, TestAccuracy = double.NaN }] };
        var back = ResultsJson.Deserialize(ResultsJson.Serialize(results));
        Assert.True(double.IsNaN(back.Rounds[0].TestAccuracy!.Value));
    }

    [Fact]
    public void Deserialize_OtherFormat_IsRejected()
    {
        var ex = Assert.Throws<JsonException>(() => ResultsJson.Deserialize("{\"format\": \"something-else/9\"}"));
        Assert.Contains("something-else/9", ex.Message);
    }

    [Fact]
    public void WithSpeedUps_UsesTheReferenceTime()
    {
        var request = SampleResults.Create().Requests[0].WithSpeedUps();
        Assert.Equal([10.0, 5.0, 1.0], request.Methods.Select(m => m.SpeedUp!.Value));
        var noReference = request with { Methods = [.. request.Methods.Where(m => !m.IsReference)] };
        Assert.All(noReference.WithSpeedUps().Methods, m => Assert.Null(m.SpeedUp));
    }
}
