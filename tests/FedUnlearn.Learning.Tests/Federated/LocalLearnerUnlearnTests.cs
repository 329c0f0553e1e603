using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Federated;

[Collection(TorchModelCollection.Name)]
public sealed class LocalLearnerUnlearnTests
{
    private static readonly LocalTrainSettings Training = new() { Epochs = 3, BatchSize = 32, LearningRate = 1e-2, Seed = 2 };

    [Fact]
    public async Task UnlearnAsync_ClassScopeForgetRole_ForgetsTheClassAndEvaluateShowsIt()
    {
        using var model = TinyTask.TrainedModel();
        var global = model.ToAdapterParameterSet();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet(), new LocalLearnerOptions { TestData = TinyTask.Test });
        var before = await learner.EvaluateAsync(global, new LocalEvaluateSettings { ForgetClass = 1 }, CancellationToken.None);

        var result = await learner.UnlearnAsync(global, new LocalUnlearnSettings
        {
            Method = "nabla-tau",
            Role = UnlearnRole.Forget,
            ForgetClass = 1,
            Options = new Dictionary<string, string> { ["tau"] = "3" },
            Training = Training,
        }, null, CancellationToken.None);
        var after = await learner.EvaluateAsync(result.Adapter, new LocalEvaluateSettings { ForgetClass = 1 }, CancellationToken.None);

        Assert.Equal((150, 450), (result.Metrics["forget_count"], result.Metrics["retain_count"]));
        Assert.Equal(600, result.SampleCount);
        Assert.True(before.ForgetAccuracy > 0.9 && after.ForgetAccuracy < 0.1, $"forget accuracy {before.ForgetAccuracy} -> {after.ForgetAccuracy}");
        Assert.True(after.RetainAccuracy > 0.9, $"retain accuracy {after.RetainAccuracy}");
        Assert.Equal(0, after.Test!.PerClass[1].Accuracy!.Value, 1);
        Assert.NotNull(after.MiaLoss);
    }

    [Fact]
    public async Task UnlearnAsync_RetainRole_UsesLiveDataOutsideTheClassOnly()
    {
        using var model = TinyTask.TrainedModel();
        var tombstones = new TombstoneSet(TinyTask.Train.GetIds().Take(40));
        var learner = new LocalLearner(model, TinyTask.Train, tombstones);

        var result = await learner.UnlearnAsync(model.ToAdapterParameterSet(),
            new LocalUnlearnSettings { Method = "label-flip", Role = UnlearnRole.Retain, ForgetClass = 3, Training = Training }, null, CancellationToken.None);

        Assert.Equal((0, 450 - 30), (result.Metrics["forget_count"], result.Metrics["retain_count"]));
        Assert.Equal(420, result.SampleCount);
    }

    [Fact]
    public async Task UnlearnAsync_SampleScope_ForgetsTheRequestsTombstonedSamples()
    {
        using var model = TinyTask.TrainedModel();
        var requested = TinyTask.Train.GetIds().Where(id => id % 10 == 3).ToList();
        var tombstones = new TombstoneSet(requested);
        var requests = new InMemoryForgetSampleSource();
        requests.Add("req-1", requested.Take(30));
        requests.Add("req-2", requested.Skip(30));
        var learner = new LocalLearner(model, TinyTask.Train, tombstones, new LocalLearnerOptions { ForgetSamples = requests, TestData = TinyTask.Test });

        var result = await learner.UnlearnAsync(model.ToAdapterParameterSet(), new LocalUnlearnSettings
        {
            Method = "gradient-ascent",
            Role = UnlearnRole.Forget,
            ForgetRequestIds = ["req-1", "req-2"],
            Options = new Dictionary<string, string> { ["max-steps"] = "4" },
            Training = Training,
        }, null, CancellationToken.None);

        Assert.Equal((60, 540), (result.Metrics["forget_count"], result.Metrics["retain_count"]));
        Assert.Equal(4, result.Metrics["steps"]);
        Assert.Equal(60, result.SampleCount);
    }

    public static TheoryData<LocalUnlearnSettings, Type, string> BadTasks => new()
    {
        { new() { Method = "rfa-9", Role = UnlearnRole.Forget, ForgetClass = 0 }, typeof(ArgumentException), "Unknown unlearning method 'rfa-9'" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetClass = 0, Options = new Dictionary<string, string> { ["lamda"] = "1" } }, typeof(ArgumentException), "Unknown option 'lamda'" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget }, typeof(ArgumentException), "names neither a forget class nor forget requests" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetClass = 7 }, typeof(ArgumentOutOfRangeException), "must be in 0..3" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetRequestIds = ["nope"] }, typeof(ArgumentException), "'nope' is unknown on this node" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetRequestIds = ["stray"] }, typeof(SampleSelectionException), "unknown sample id(s)" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetRequestIds = ["all"] }, typeof(ArgumentException), "needs retained data" },
        { new() { Method = "finetune", Role = UnlearnRole.Forget, ForgetClass = 0, ForgetRequestIds = ["all"] }, typeof(ArgumentException), "both a forget class and forget requests" },
    };

    [Theory]
    [MemberData(nameof(BadTasks))]
    public async Task UnlearnAsync_BadTask_ClearErrorAndModelUnchanged(LocalUnlearnSettings settings, Type error, string message)
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var requests = new InMemoryForgetSampleSource();
        requests.Add("all", TinyTask.Train.GetIds());
        requests.Add("stray", [123_456_789L]);
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet(), new LocalLearnerOptions { ForgetSamples = requests });

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => learner.UnlearnAsync(model.ToAdapterParameterSet(), settings with { Training = Training }, null, CancellationToken.None));

        Assert.IsType(error, thrown);
        Assert.Contains(message, thrown.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public async Task UnlearnAsync_SampleScopeWithoutASource_IsRefused()
    {
        using var model = TinyTask.TrainedModel();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => learner.UnlearnAsync(model.ToAdapterParameterSet(),
            new LocalUnlearnSettings { Method = "finetune", Role = UnlearnRole.Forget, ForgetRequestIds = ["r"] }, null, CancellationToken.None));

        Assert.Contains("ForgetSamples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_SampleScope_UsesTombstonedSamplesAndLeavesModelAdapter()
    {
        using var model = TinyTask.Model();
        var fresh = TinyTask.AdapterHash(model);
        using var trained = TinyTask.TrainedModel();
        var tombstones = new TombstoneSet(TinyTask.Train.GetIds().Take(50));
        var learner = new LocalLearner(model, TinyTask.Train, tombstones, new LocalLearnerOptions { TestData = TinyTask.Test });

        var metrics = await learner.EvaluateAsync(trained.ToAdapterParameterSet(), new LocalEvaluateSettings { Seed = 4 }, CancellationToken.None);

        Assert.Equal((50, 550, 240), (metrics.Forget!.SampleCount, metrics.Retain!.SampleCount, metrics.Test!.SampleCount));
        Assert.True(metrics.TestAccuracy > 0.9);
        Assert.Equal((50, 50), (metrics.MiaLoss!.MemberCount, metrics.MiaLoss.NonMemberCount));
        Assert.Equal(fresh, TinyTask.AdapterHash(model));
    }
}
