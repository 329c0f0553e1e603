using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Tests.Simulation.Scenarios;

public class ScenarioErrorTests
{
    private static ScenarioException Fail(string json) => Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

    private static ScenarioError Single(string json) => Assert.Single(Fail(json).Errors);

    [Fact]
    public void Parse_UnknownProperty_NamesPathAndSuggests()
    {
        var e = Single("{\n  \"training\": {\n    \"roundz\": 3\n  }\n}");
        Assert.Equal("training.roundz", e.Path);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("unknown property 'roundz' (did you mean 'rounds'?", e.Message);
        Assert.Contains("localEpochs", e.Message);
    }

    [Fact]
    public void Parse_UnknownPropertyInList_NamesIndex()
    {
        var e = Single("{\"forgetRequests\": [{\"atRound\": 1, \"client\": 0}, {\"scope\": \"class\", \"lable\": 3}]}");
        Assert.Equal("forgetRequests[1].lable", e.Path);
        Assert.Contains("did you mean 'label'?", e.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesPathLineAndExpectedType()
    {
        var ex = Fail("{\n  \"forgetRequests\": [\n    {\"scope\": \"class\", \"label\": \"three\"}\n  ]\n}");
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("forgetRequests[0].label", 3, "expected an integer"), (e.Path, e.Line, e.Message));
        Assert.StartsWith("scenario.json:3:", ex.Message);
        Assert.EndsWith(": forgetRequests[0].label: expected an integer", ex.Message);
    }

    [Fact]
    public void Parse_UnknownEnumName_ListsAllowedNames()
    {
        var e = Single("{\"partition\": {\"kind\": \"dirichlett\"}}");
        Assert.Equal(("partition.kind", "'dirichlett' is not one of: iid, dirichlet, by-class"), (e.Path, e.Message));
    }

    [Fact]
    public void Parse_NullForRequiredObject_SaysNotNull()
    {
        var e = Single("{\"dataset\": null}");
        Assert.Equal(("dataset", "expected an object, not null"), (e.Path, e.Message));
    }

    [Fact]
    public void Parse_SyntaxError_KeepsLine()
    {
        var e = Single("{\n\"training\": {\"rounds\": 3,,}}");
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid start of a property name", e.Message);
    }

    [Fact]
    public void Parse_LabelOutOfRange_MessageMatchesTheIssue()
    {
        var ex = Fail("{\"forgetRequests\": [{\"atRound\": 1, \"client\": 0}, {\"atRound\": 2, \"scope\": \"class\", \"label\": 12}]}");
        Assert.Equal("scenario.json: forgetRequests[1].label: 12 is out of range (the dataset has 10 classes)", ex.Message);
    }

    [Fact]
    public void Parse_NegativeRounds_NamesTrainingRounds()
    {
        var errors = Fail("{\"training\": {\"rounds\": -2}, \"forgetRequests\": []}").Errors;
        Assert.Equal(("training.rounds", "-2 must be at least 1"), (errors[0].Path, errors[0].Message));
    }

    [Fact]
    public void Parse_UnknownMethod_ListsKnownMethods()
    {
        var e = Single("{\"methods\": [{\"name\": \"rfaa\"}, {\"name\": \"retrain\"}]}");
        Assert.Equal("methods[0].name", e.Path);
        Assert.Equal("'rfaa' is not a known method (known: rfa, nabla-tau, gradient-ascent, label-flip, amnesiac, sharded-exact, finetune, retrain, client-removal)", e.Message);
    }

    [Fact]
    public void Parse_FractionAboveOne_NamesFraction()
    {
        var e = Single("{\"forgetRequests\": [{\"atRound\": 1, \"client\": 0, \"fraction\": 1.5}]}");
        Assert.Equal(("forgetRequests[0].fraction", "1.5 must be in (0, 1]"), (e.Path, e.Message));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachOnItsOwnLine()
    {
        var ex = Fail("{\"clients\": {\"count\": 3}, \"forgetRequests\": [{\"atRound\": 11, \"client\": 4}], \"methods\": [{\"name\": \"rfa\"}]}");
        Assert.Equal(["forgetRequests[0].atRound", "forgetRequests[0].client", "methods"], ex.Errors.Select(e => e.Path));
        Assert.Equal(3, ex.Message.Split(Environment.NewLine).Length);
        Assert.Contains("there are 3 clients, numbered from 0", ex.Errors[1].Message);
        Assert.Contains("list {\"name\": \"retrain\"} exactly once", ex.Errors[2].Message);
    }

    private const string LeavingMethods = "{\"methods\": [{\"name\": \"client-removal\", \"label\": \"removal\"}, {\"name\": \"retrain\"}], ";

    [Theory]
    [InlineData("{\"methods\": [{\"name\": \"rfa\", \"options\": {\"lamda\": 1}}, {\"name\": \"retrain\"}]}", "methods[0].options.lamda", "unknown option for rfa (known: lambda, retainCe, target)")]
    [InlineData("{\"methods\": [{\"name\": \"rfa\", \"options\": {\"target\": \"x\"}}, {\"name\": \"retrain\"}]}", "methods[0].options.target", "expected one of mean-other-class, random, uniform-kl")]
    [InlineData("{\"methods\": [{\"name\": \"nabla-tau\", \"options\": {\"retainLoss\": \"kl\"}}, {\"name\": \"retrain\"}]}", "methods[0].options.retainLoss", "expected one of ce, distill")]
    [InlineData("{\"methods\": [{\"name\": \"rfa\", \"repairRounds\": 1, \"repairLocalEpochs\": 0}, {\"name\": \"retrain\"}]}", "methods[0].repairLocalEpochs", "0 must be at least 1")]
    [InlineData("{\"methods\": [{\"name\": \"retrain\", \"partial\": {\"topFraction\": 0.1}}]}", "methods[0].partial", "the layer-wise wrapper only applies to optimisation-based methods, not retrain")]
    [InlineData("{\"methods\": [{\"name\": \"rfa\"}, {\"name\": \"rfa\"}, {\"name\": \"retrain\"}]}", "methods[1].name", "'rfa' is listed twice; give each entry a distinct label")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"class\"}]}", "forgetRequests[0].label", "is required for class scope")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"samples\", \"client\": 0, \"label\": 2}]}", "forgetRequests[0].label", "only applies to class scope (this request's scope is samples)")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"samples\", \"client\": 0, \"fraction\": 0.1, \"count\": 5}]}", "forgetRequests[0].count", "give either fraction or count, not both")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"samples\", \"client\": 1, \"backdoor\": {\"targetLabel\": 10}}]}", "forgetRequests[0].backdoor.targetLabel", "10 is out of range (the dataset has 10 classes)")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"samples\", \"client\": 1, \"backdoor\": {\"boost\": 0.5}}]}", "forgetRequests[0].backdoor.boost", "0.5 must be a finite number of at least 1")]
    [InlineData("{\"forgetRequests\": [{\"scope\": \"samples\", \"client\": 1, \"offline\": true}]}", "forgetRequests[0].offline", "only applies to client scope (this request's scope is samples)")]
    [InlineData(LeavingMethods + "\"forgetRequests\": [{\"scope\": \"client\", \"client\": 1, \"offline\": false}]}", "forgetRequests[0].offline", "false (the client asking to leave while online) is not simulated yet; a leaving client goes offline first (true, the default)")]
    [InlineData(LeavingMethods + "\"forgetRequests\": [{\"scope\": \"client\", \"client\": 1, \"methods\": [\"removal\"]}]}", "forgetRequests[0].methods", "must include retrain, the reference (evaluation.reference)")]
    [InlineData(LeavingMethods + "\"forgetRequests\": [{\"scope\": \"client\", \"client\": 1, \"methods\": [\"removal\", \"retrain\", \"x\"]}]}", "forgetRequests[0].methods[2]", "'x' is not the label of a listed method (labels: removal, retrain)")]
    [InlineData("{\"dataset\": {\"kind\": \"fashion-mnist\", \"classes\": 4}}", "dataset.classes", "4 cannot be set for fashion-mnist (it has 10 classes; only synthetic data takes a class count)")]
    [InlineData("{\"dataset\": {\"trainSize\": 40}}", "dataset.trainSize", "40 leaves 7 samples per client after the public share; each of the 5 clients needs at least 10")]
    [InlineData("{\"partition\": {\"alpha\": 0}}", "partition.alpha", "0 must be a positive number")]
    [InlineData("{\"model\": {\"lora\": {\"rank\": 0}}}", "model.lora.rank", "0 must be at least 1")]
    [InlineData("{\"training\": {\"clientsPerRound\": 6}}", "training.clientsPerRound", "6 is out of range (there are 5 clients)")]
    [InlineData("{\"seed\": -1}", "seed", "expected a non-negative integer")]
    public void Parse_InvalidField_NamesItsPath(string json, string path, string message)
    {
        var e = Single(json);
        Assert.Equal((path, message), (e.Path, e.Message));
    }

    [Fact]
    public void Parse_CustomSource_IsUsedInMessages()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("{\"name\": \"\"}", "my.json"));
        Assert.Equal("my.json: name: must not be empty", ex.Message);
    }

    [Fact]
    public void Parse_RfaForAClientThatLeftOffline_SaysWhyItCannotRun()
    {
        var ex = Fail("{\"forgetRequests\": [{\"scope\": \"client\", \"client\": 0, \"offline\": true, \"methods\": [\"rfa\", \"retrain\"]}], "
            + "\"methods\": [{\"name\": \"rfa\"}, {\"name\": \"client-removal\"}, {\"name\": \"retrain\"}]}");
        var e = ex.Errors.Single(x => x.Path == "forgetRequests[0].methods[0]");
        Assert.Equal("rfa cannot handle this client-scope request: rfa runs on the requesting client's own data, which a client that left offline "
            + "cannot provide; a leaving client is handled by client-removal (or retrain, the reference)", e.Message);
        Assert.Contains(ex.Errors, x => x.Path == "methods[1]" && x.Message.StartsWith("'client-removal' handles none of the forget requests", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ClientRemovalWithoutALeavingClient_HandlesNothing()
    {
        var e = Single("{\"forgetRequests\": [{\"client\": 0}], \"methods\": [{\"name\": \"client-removal\"}, {\"name\": \"retrain\"}]}");
        Assert.Equal(("methods[0]", "'client-removal' handles none of the forget requests (it removes a leaving client's stored contributions, so it only handles client-scope requests)"),
            (e.Path, e.Message));
    }

    [Fact]
    public void Parse_LeavingClientAfterTrainingResumed_NeedsTheHistoryFromTheStart()
    {
        var e = Single("{\"forgetRequests\": [{\"atRound\": 2, \"client\": 1}, {\"atRound\": 3, \"scope\": \"client\", \"client\": 0}], "
            + "\"methods\": [{\"name\": \"rfa\"}, {\"name\": \"client-removal\"}, {\"name\": \"retrain\"}]}");
        Assert.Equal("forgetRequests[1].atRound", e.Path);
        Assert.StartsWith("a leaving client is removed from the federation's stored history", e.Message);
        Assert.EndsWith("at the round of the request before it (2) with evaluation.reference retrain", e.Message);
    }

    [Fact]
    public void Parse_LeavingClientThenItsOwnRequest_SaysItLeft()
    {
        var ex = Fail("{\"forgetRequests\": [{\"atRound\": 2, \"scope\": \"client\", \"client\": 0}, {\"atRound\": 2, \"client\": 0}], "
            + "\"methods\": [{\"name\": \"rfa\"}, {\"name\": \"client-removal\"}, {\"name\": \"retrain\"}]}");
        Assert.Contains(ex.Errors, x => (x.Path, x.Message) == ("forgetRequests[1].client", "client 0 has already left in an earlier request"));
    }

    [Fact]
    public void MethodsFor_EachRequestGetsTheMethodsThatCanHandleIt()
    {
        var scenario = ScenarioLoader.Parse("{\"forgetRequests\": [{\"atRound\": 2, \"scope\": \"class\", \"label\": 3}, {\"atRound\": 2, \"scope\": \"client\", \"client\": 0}], "
            + "\"methods\": [{\"name\": \"rfa\"}, {\"name\": \"nabla-tau\"}, {\"name\": \"client-removal\"}, {\"name\": \"retrain\"}]}");

        Assert.Equal(["rfa", "nabla-tau", "retrain"], scenario.MethodsFor(0).Select(m => m.Name));
        Assert.Equal(["client-removal", "retrain"], scenario.MethodsFor(1).Select(m => m.Name));
        Assert.True(scenario.ForgetRequests[1].Offline is null);
    }
}
