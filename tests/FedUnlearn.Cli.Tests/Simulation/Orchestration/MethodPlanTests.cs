using System.Text.Json;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class MethodPlanTests
{
    private static readonly Scenario Scenario = Scenario.Default;

    [Fact]
    public void For_Rfa_TranslatesOptionsToTheLearningRegistrysSpelling()
    {
        var method = new MethodSettings
        {
            Name = "rfa",
            Options = new Dictionary<string, JsonElement>
            {
                ["lambda"] = JsonSerializer.SerializeToElement(2.5),
                ["target"] = JsonSerializer.SerializeToElement("mean-other-class"),
                ["retainCe"] = JsonSerializer.SerializeToElement(true),
            },
        };
        var plan = MethodPlan.For(method, Scenario, atRound: 4);
        Assert.Equal("rfa", plan.ServerName);
        Assert.Equal(1, plan.Settings.Rounds);
        Assert.Equal(new Dictionary<string, string> { ["lambda"] = "2.5", ["target"] = "other-class-mean", ["retain-ce"] = "1" }, plan.Settings.Options);
    }

    [Fact]
    public void For_RfaWithLocalEpochs_PassesThemAsItsEpochsOption_AlsoInsideLayerWise()
    {
        var plan = MethodPlan.For(new MethodSettings { Name = "rfa", LocalEpochs = 3 }, Scenario, atRound: 4);
        Assert.Equal("3", plan.Settings.Options["epochs"]);
        Assert.False(MethodPlan.For(MethodSettings.Of("rfa"), Scenario, atRound: 4).Settings.Options.ContainsKey("epochs"));

        var partial = MethodPlan.For(new MethodSettings { Name = "rfa", LocalEpochs = 2, Partial = new PartialSettings { Layers = ["head"] } }, Scenario, atRound: 4);
        Assert.Equal("2", partial.Settings.Options["inner.epochs"]);
    }

    [Fact]
    public void For_Retrain_RunsAsManyRoundsAsTrained_LeavesTheResetRuleToTheServer()
    {
        var plan = MethodPlan.For(MethodSettings.Of("retrain"), Scenario, atRound: 7);
        Assert.Equal(7, plan.Settings.Rounds);
        Assert.False(plan.Settings.Options.ContainsKey("reset"));
        Assert.Equal((uint)Scenario.Training.LocalEpochs, plan.Settings.HyperParameters!.LocalEpochs);
    }

    [Fact]
    public void For_MethodOverrides_SetRoundsEpochsAndLearningRate()
    {
        var plan = MethodPlan.For(new MethodSettings { Name = "finetune", Rounds = 3, LocalEpochs = 5, LearningRate = 0.02 }, Scenario, atRound: 2);
        Assert.Equal(3, plan.Settings.Rounds);
        Assert.Equal(5u, plan.Settings.HyperParameters!.LocalEpochs);
        Assert.Equal(0.02, plan.Settings.HyperParameters.LearningRate);
        Assert.Equal((uint)Scenario.Training.BatchSize, plan.Settings.HyperParameters.BatchSize);
    }

    [Fact]
    public void For_RepairRounds_CarryTheirOwnEpochsWithTheScenariosBatchAndLearningRate()
    {
        var method = new MethodSettings
        {
            Name = "nabla-tau",
            LocalEpochs = 3,
            RepairRounds = 1,
            RepairLocalEpochs = 1,
            Options = new Dictionary<string, JsonElement> { ["retainLoss"] = JsonSerializer.SerializeToElement("distill") },
        };
        var plan = MethodPlan.For(method, Scenario, atRound: 2);
        var repair = plan.Settings.RepairHyperParameters!;

        Assert.Equal((1, 3U), (plan.Settings.RepairRounds, plan.Settings.HyperParameters!.LocalEpochs));
        Assert.Equal((1U, (uint)Scenario.Training.BatchSize, Scenario.Training.LearningRate), (repair.LocalEpochs, repair.BatchSize, repair.LearningRate));
        Assert.Equal(new Dictionary<string, string> { ["retain-loss"] = "distill" }, plan.Settings.Options);
        Assert.Null(MethodPlan.For(MethodSettings.Of("rfa"), Scenario, atRound: 2).Settings.RepairHyperParameters);
    }

    [Fact]
    public void For_Partial_WrapsTheMethodInLayerWise()
    {
        var method = new MethodSettings
        {
            Name = "gradient-ascent",
            Partial = new PartialSettings { Layers = ["fc1", "head"], TopFraction = 0.1 },
            Options = new Dictionary<string, JsonElement>(),
        };
        var plan = MethodPlan.For(method, Scenario, atRound: 1);
        Assert.Equal("layer-wise", plan.ServerName);
        Assert.Equal(new Dictionary<string, string> { ["inner"] = "gradient-ascent", ["layers"] = "fc1,head", ["top-p"] = "0.1" }, plan.Settings.Options);
    }

    [Fact]
    public void For_PartialRfa_PrefixesTheInnerOptions()
    {
        var method = new MethodSettings
        {
            Name = "rfa",
            Partial = new PartialSettings { TopFraction = 0.5 },
            Options = new Dictionary<string, JsonElement> { ["lambda"] = JsonSerializer.SerializeToElement(3) },
        };
        var options = MethodPlan.For(method, Scenario, atRound: 1).Settings.Options;
        Assert.Equal("3", options["inner.lambda"]);
        Assert.Equal("rfa", options["inner"]);
    }

    [Fact]
    public void Unavailable_NamesEveryMissingMethodByItsPath()
    {
        var available = MethodPlan.Available().ToHashSet();
        // Sample requests only: amnesiac's refusal of class scope is checked on its own below.
        var scenario = Scenario with { Methods = [.. MethodCatalog.Names.Select(MethodSettings.Of)], ForgetRequests = [Scenario.ForgetRequests[0]] };
        var expected = MethodCatalog.Names.Select((n, i) => (Path: $"methods[{i}].name", Name: n)).Where(x => !available.Contains(x.Name));
        Assert.Equal(expected, MethodPlan.Unavailable(scenario).Select(u => (u.Path, u.Name)));
        Assert.Contains("sharded-exact", available);
        Assert.DoesNotContain(MethodPlan.Unavailable(scenario), u => u.Name == "sharded-exact");
        Assert.Contains("rfa", available);
        Assert.Contains("retrain", available);
    }

    [Fact]
    public void Available_Amnesiac_IsFederated_TopFractionBecomesTopP()
    {
        Assert.Contains("amnesiac", MethodPlan.Available());
        var method = new MethodSettings { Name = "amnesiac", Options = new Dictionary<string, JsonElement> { ["topFraction"] = JsonSerializer.SerializeToElement(0.1) } };
        var plan = MethodPlan.For(method, Scenario, atRound: 4);
        Assert.Equal(("amnesiac", 1), (plan.ServerName, plan.Settings.Rounds));
        Assert.Equal(new Dictionary<string, string> { ["top-p"] = "0.1" }, plan.Settings.Options);
    }

    [Fact]
    public void Unavailable_AmnesiacWithAClassRequest_NamesTheClassRequest()
    {
        var scenario = Scenario with { Methods = [MethodSettings.Of("rfa"), MethodSettings.Of("amnesiac")] };
        var refused = Assert.Single(MethodPlan.Unavailable(scenario));
        Assert.Equal(("methods[1].name", "amnesiac"), (refused.Path, refused.Name));
        Assert.Contains("forgetRequests[1] is class scope", refused.Reason);
        Assert.Empty(MethodPlan.Unavailable(scenario with { ForgetRequests = [Scenario.ForgetRequests[0]] }));
    }

    [Fact]
    public void Shards_ShardedExactOption_OrTheDefault()
    {
        var named = MethodSettings.Of("sharded-exact") with { Options = new Dictionary<string, JsonElement> { ["shards"] = JsonSerializer.SerializeToElement(3) } };

        Assert.Equal(3, MethodPlan.Shards(named));
        Assert.Equal(MethodPlan.DefaultShards, MethodPlan.Shards(MethodSettings.Of("sharded-exact")));
    }
}
