using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Tests.Training;

[Collection(TorchModelCollection.Name)]
public sealed class LocalTrainerTests
{
    private static readonly TrainingOptions Fast = new() { Epochs = 4, BatchSize = 32, LearningRate = 1e-2, Seed = 3 };

    [Fact]
    public void Train_SyntheticTask_LossFallsAndAccuracyRises()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.Accuracy(model, TinyTask.Test);

        var result = new LocalTrainer(Fast).Train(model, TinyTask.Train);

        var after = TinyTask.Accuracy(model, TinyTask.Test);
        Assert.Equal(4 * (600 / 32 + 1), result.Steps);
        Assert.Equal(600, result.SampleCount);
        Assert.Equal(4, result.EpochLosses.Count);
        Assert.True(result.EpochLosses[^1] < 0.6 * result.EpochLosses[0], $"losses {string.Join(", ", result.EpochLosses)}");
        Assert.True(before < 0.5, $"before {before}");
        Assert.True(after > 0.85, $"after {after}");
        Assert.True(result.Accuracy > 0.85, $"train accuracy {result.Accuracy}");
    }

    [Fact]
    public void Train_SameSeed_GivesBitIdenticalAdapter()
    {
        using var a = TinyTask.Model();
        using var b = TinyTask.Model();
        using var c = TinyTask.Model();
        new LocalTrainer(Fast).Train(a, TinyTask.Train);
        new LocalTrainer(Fast).Train(b, TinyTask.Train);
        new LocalTrainer(Fast with { Seed = 4 }).Train(c, TinyTask.Train);

        Assert.Equal(TinyTask.AdapterHash(a), TinyTask.AdapterHash(b));
        Assert.NotEqual(TinyTask.AdapterHash(a), TinyTask.AdapterHash(c));
    }

    [Fact]
    public void Train_OnlyAdapterChanges_BaseWeightsStayFrozen()
    {
        using var model = TinyTask.Model();
        var (baseBefore, adapterBefore) = (TinyTask.BaseHash(model), TinyTask.AdapterHash(model));

        new LocalTrainer(Fast with { Epochs = 1, WeightDecay = 0.1 }).Train(model, TinyTask.Train);

        Assert.Equal(baseBefore, TinyTask.BaseHash(model));
        Assert.NotEqual(adapterBefore, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Train_Tombstones_NeverReachTheObjective_EvenWhenAddedMidRun()
    {
        var tombstones = new TombstoneSet(TinyTask.Train.GetIds().Where(id => id % 7 == 0));
        var seen = new List<long[]>();
        var lateId = TinyTask.Train.GetId(599);
        var hooks = new TrainingHooks
        {
            AfterStep = step =>
            {
                seen.Add(step.Batch.Ids.ToArray());
                if (step.Step == 0) tombstones.Add(lateId);
            },
        };
        using var model = TinyTask.Model();

        var result = new LocalTrainer(Fast with { Epochs = 2 }, hooks).Train(model, TinyTask.Train, tombstones);

        var all = seen.SelectMany(ids => ids).ToList();
        Assert.DoesNotContain(all, id => id % 7 == 0);
        Assert.DoesNotContain(lateId, seen.Skip(1).SelectMany(ids => ids));
        Assert.Equal(600 - 86, result.SampleCount);
        Assert.Equal((2 * (600 - 86)) - 2 + (seen[0].Contains(lateId) ? 1 : 0), all.Count);
    }

    [Fact]
    public void Train_EverySampleTombstoned_TakesNoStepAndLeavesAdapter()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);

        var result = new LocalTrainer(Fast).Train(model, TinyTask.Train, new TombstoneSet(TinyTask.Train.GetIds()));

        Assert.Equal(0, result.Steps);
        Assert.Equal(0, result.SampleCount);
        Assert.Null(result.Loss);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Train_HugeLearningRate_ThrowsDivergedAndRestoresAdapter()
    {
        using var model = TinyTask.Model();
        new LocalTrainer(Fast with { Epochs = 1 }).Train(model, TinyTask.Train);
        var before = TinyTask.AdapterHash(model);

        var error = Assert.Throws<TrainingDivergedException>(() =>
            new LocalTrainer(Fast with { LearningRate = 1e30, Optimizer = TrainingOptimizer.Sgd }).Train(model, TinyTask.Train));

        Assert.Contains("restored", error.Message, StringComparison.Ordinal);
        Assert.True(error.Step >= 1, $"diverged at step {error.Step}: the first steps must have changed the adapter");
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Train_CancelledBetweenSteps_ThrowsAndRestoresAdapter()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);
        using var cts = new CancellationTokenSource();
        var steps = 0;
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            steps = p.Step;
            if (p.Step == 3) cts.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new LocalTrainer(Fast).Train(model, TinyTask.Train, null, progress, cts.Token));

        Assert.Equal(3, steps);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Train_DataOfAnotherShape_ThrowsBeforeTouchingModel()
    {
        using var model = TinyTask.Model();
        var wide = SyntheticTabular.Generate(new SyntheticTabularOptions { FeatureCount = 20, ClassCount = 4 });

        var error = Assert.Throws<ArgumentException>(() => new LocalTrainer(Fast).Train(model, wide));

        Assert.Contains("20 floats per sample", error.Message, StringComparison.Ordinal);
        Assert.Contains("takes 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_LabelsBeyondModelClasses_ThrowsNamingTheSample()
    {
        using var model = TinyTask.Model();
        var sixClasses = SyntheticTabular.Generate(new SyntheticTabularOptions { FeatureCount = 16, ClassCount = 6, TrainSamplesPerClass = 5 });

        var error = Assert.Throws<ArgumentException>(() => new LocalTrainer(Fast).Train(model, sixClasses));

        Assert.Contains("label 4, outside the model's classes 0..3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_AreRejectedByName()
    {
        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalTrainer(new TrainingOptions { Epochs = 0 })).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalTrainer(new TrainingOptions { LearningRate = double.NaN })).ParamName);
        Assert.Equal("ClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalTrainer(new TrainingOptions { ClipNorm = 0 })).ParamName);
    }
}
