using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Cli.Tests.Simulation.Scenarios;

public class ScenarioLoaderTests
{
    [Fact]
    public void Validate_DefaultScenario_HasNoErrors()
    {
        Assert.Empty(ScenarioValidator.Validate(Scenario.Default));
    }

    [Fact]
    public void Default_MatchesTheIssue()
    {
        var s = Scenario.Default;
        Assert.Equal(DatasetKind.Auto, s.Dataset.Kind);
        Assert.Equal(5, s.Clients.Count);
        Assert.Equal(PartitionKind.Dirichlet, s.Partition.Kind);
        Assert.Equal(0.5, s.Partition.Alpha);
        Assert.Equal(ModelKind.Mlp, s.Model.Kind);
        Assert.Equal([ForgetScope.Samples, ForgetScope.Class], s.ForgetRequests.Select(r => r.Scope));
        Assert.Equal(0, s.ForgetRequests[0].Client);
        Assert.Equal(3, s.ForgetRequests[1].Label);
        Assert.Equal(["rfa", "nabla-tau", "retrain"], s.Methods.Select(m => m.Name));
    }

    [Fact]
    public void Parse_EmptyObject_IsTheDefaultScenario()
    {
        Assert.Equal(ScenarioLoader.Serialize(Scenario.Default), ScenarioLoader.Serialize(ScenarioLoader.Parse("{}")));
    }

    [Fact]
    public async Task LoadAsync_DefaultSample_EqualsBuiltInDefault()
    {
        var loaded = await ScenarioLoader.LoadAsync(SampleFiles.Path("default.json"));
        Assert.Equal(ScenarioLoader.Serialize(Scenario.Default), ScenarioLoader.Serialize(loaded));
    }

    [Theory]
    [InlineData("default.json")]
    [InlineData("quick-synthetic.json")]
    [InlineData("backdoor-client.json")]
    public async Task LoadAsync_SampleFile_ParsesAndValidates(string file)
    {
        var scenario = await ScenarioLoader.LoadAsync(SampleFiles.Path(file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Name);
        Assert.Empty(ScenarioValidator.Validate(scenario));
    }

    [Fact]
    public async Task LoadAsync_QuickSynthetic_ReadsEveryField()
    {
        var s = await ScenarioLoader.LoadAsync(SampleFiles.Path("quick-synthetic.json"));
        Assert.Equal((DatasetKind.Synthetic, 4, 1000), (s.Dataset.Kind, s.ClassCount, s.Dataset.TrainSize));
        Assert.Equal(PartitionKind.Iid, s.Partition.Kind);
        Assert.Equal(20, s.ForgetRequests[0].Count);
        Assert.Equal(1.0, s.Methods[0].Options!["lambda"].GetDouble());
        var spec = s.Model.ToModelSpec(s.ClassCount);
        Assert.Equal((4, 4.0, 8.0), (spec.NumClasses, (double)spec.LoRA!.Rank, spec.LoRA.Alpha));
        Assert.Equal(["fc1", "head"], spec.LoRA.Targets);
        spec.Validate();
    }

    [Fact]
    public async Task Parse_FullExampleInDocs_IsValid()
    {
        var doc = await File.ReadAllTextAsync(SampleFiles.RepoFile("docs/scenario.md"));
        var start = doc.IndexOf("```jsonc\n", StringComparison.Ordinal) + "```jsonc\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var s = ScenarioLoader.Parse(example, "docs/scenario.md");
        Assert.Equal((3, 5, StrategyKind.TrimmedMean), (s.ForgetRequests.Count, s.Methods.Count, s.Training.Strategy));
        Assert.Equal(0.1, s.Methods[2].Partial!.TopFraction);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_SaysNotFound()
    {
        var ex = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioLoader.LoadAsync("no/such/scenario.json"));
        Assert.StartsWith("no/such/scenario.json: file not found", ex.Message);
    }

    [Fact]
    public void Parse_EmptyText_SaysEmpty()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("  \n"));
        Assert.Contains("is empty", ex.Message);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var s = ScenarioLoader.Parse("{ // a note\n \"training\": { \"rounds\": 7, }, }");
        Assert.Equal(7, s.Training.Rounds);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        var s = Scenario.Default with { Name = "x", Training = new() { Rounds = 9, NormBound = 2.5, Strategy = StrategyKind.ExactLora } };
        var text = ScenarioLoader.Serialize(s);
        Assert.Contains("\"strategy\": \"exact-lora\"", text);
        Assert.Contains("\"lora\": {", text);
        Assert.Equal(text, ScenarioLoader.Serialize(ScenarioLoader.Parse(text)));
    }
}
