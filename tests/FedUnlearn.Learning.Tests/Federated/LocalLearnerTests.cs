using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Federated;

[Collection(TorchModelCollection.Name)]
public sealed class LocalLearnerTests
{
    private static readonly LocalTrainSettings Settings = new() { Epochs = 3, BatchSize = 32, LearningRate = 1e-2, Seed = 9, Round = 1 };

    [Fact]
    public async Task TrainAsync_RoundTripsThroughParameterSet_AndReportsFigures()
    {
        using var model = TinyTask.Model();
        var global = model.ToAdapterParameterSet();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet(), new LocalLearnerOptions { TestData = TinyTask.Test });
        var reports = new List<LocalProgress>();

        var result = await learner.TrainAsync(global, Settings, new InlineProgress<LocalProgress>(reports.Add), CancellationToken.None);

        Assert.Null(global.DescribeLayoutMismatch(result.Adapter));
        Assert.NotEqual(global.ContentHash(), result.Adapter.ContentHash());
        Assert.Equal(600, result.SampleCount);
        Assert.Equal(3 * 19, result.Metrics["steps"]);
        Assert.True(result.Metrics["test_accuracy"] > 0.85, $"test accuracy {result.Metrics["test_accuracy"]}");
        Assert.True(result.Metrics["loss"] < 0.5 && result.Metrics["accuracy"] > 0.85);
        Assert.Equal(Enumerable.Range(1, 57), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(57, r.TotalSteps));

        using var other = TinyTask.Model();
        other.LoadAdapterParameterSet(result.Adapter);
        Assert.Equal(result.Metrics["test_accuracy"], TinyTask.Accuracy(other, TinyTask.Test));
    }

    [Fact]
    public async Task TrainAsync_ReplayedTask_IsIdentical_AndAnotherRoundReshuffles()
    {
        using var model = TinyTask.Model();
        var global = model.ToAdapterParameterSet();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());

        var first = await learner.TrainAsync(global, Settings, null, CancellationToken.None);
        var replay = await learner.TrainAsync(global, Settings, null, CancellationToken.None);
        var nextRound = await learner.TrainAsync(global, Settings with { Round = 2 }, null, CancellationToken.None);

        Assert.Equal(first.Adapter.ContentHash(), replay.Adapter.ContentHash());
        Assert.NotEqual(first.Adapter.ContentHash(), nextRound.Adapter.ContentHash());
    }

    [Fact]
    public async Task TrainAsync_AdapterOfAnotherShape_IsRejectedAndModelUnchanged()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());
        var wrong = new ParameterSet([.. model.ToAdapterParameterSet().Select(t => t.Name == "head.lora_B" ? new ParameterTensor(t.Name, [4, 5], new float[20]) : t)]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => learner.TrainAsync(wrong, Settings, null, CancellationToken.None));

        Assert.Contains("does not fit this node's model", error.Message, StringComparison.Ordinal);
        Assert.Contains("head.lora_B", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public async Task TrainAsync_NonFiniteAdapter_IsRejected()
    {
        using var model = TinyTask.Model();
        var global = model.ToAdapterParameterSet();
        global[0].Data[3] = float.NaN;
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => learner.TrainAsync(global, Settings, null, CancellationToken.None));

        Assert.Contains("non-finite value in 'fc1.lora_A'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleCount_And_Training_ExcludeTombstonedSamples()
    {
        using var model = TinyTask.Model();
        var tombstones = new TombstoneSet();
        var learner = new LocalLearner(model, TinyTask.Train, tombstones);
        await tombstones.AddAsync(TinyTask.Train.GetIds().Take(100));

        var result = await learner.TrainAsync(model.ToAdapterParameterSet(), Settings, null, CancellationToken.None);

        Assert.Equal(500, learner.SampleCount);
        Assert.Equal(500, result.SampleCount);
    }

    [Fact]
    public void Constructor_ModelWithoutAdapter_IsRejected()
    {
        using var plain = FedUnlearn.Learning.Models.ModelFactory.Create(TinyTask.Spec with { LoRA = null });

        var error = Assert.Throws<ArgumentException>(() => new LocalLearner(plain, TinyTask.Train, new TombstoneSet()));

        Assert.Contains("no LoRA adapter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_FrozenParameters_ComeBackBitIdenticalInTheAdapter()
    {
        using var model = TinyTask.Model();
        var global = model.ToAdapterParameterSet();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());
        string[] frozen = [.. global.Select(t => t.Name).Where(n => n.EndsWith(".lora_A", StringComparison.Ordinal))];

        var result = await learner.TrainAsync(global, Settings with { FrozenParameters = frozen }, null, CancellationToken.None);

        Assert.All(frozen, n => Assert.Equal(global[n].Data, result.Adapter[n].Data));
        Assert.NotEqual(global.ContentHash(), result.Adapter.ContentHash());
    }
}
