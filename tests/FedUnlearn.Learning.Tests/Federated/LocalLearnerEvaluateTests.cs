using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Federated;

[Collection(TorchModelCollection.Name)]
public sealed class LocalLearnerEvaluateTests
{
    [Fact]
    public async Task EvaluateAsync_MaxSamples_EvaluatesAtMostThatManySamplesPerSet()
    {
        using var model = TinyTask.Model();
        using var trained = TinyTask.TrainedModel();
        var options = new LocalLearnerOptions { TestData = TinyTask.Test, Backdoor = new BackdoorProbe(TinyTask.Test, 0) };
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet(TinyTask.Train.GetIds().Take(50)), options);
        var adapter = trained.ToAdapterParameterSet();

        var all = await learner.EvaluateAsync(adapter, new LocalEvaluateSettings { Seed = 4 }, CancellationToken.None);
        var capped = await learner.EvaluateAsync(adapter, new LocalEvaluateSettings { Seed = 4, MaxSamples = 100 }, CancellationToken.None);

        Assert.Equal((50, 550, 240), (all.Forget!.SampleCount, all.Retain!.SampleCount, all.Test!.SampleCount));
        // The forget set is smaller than the cap and stays whole; the others are cut to 100.
        Assert.Equal((50, 100, 100), (capped.Forget!.SampleCount, capped.Retain!.SampleCount, capped.Test!.SampleCount));
        Assert.Equal((50, 50), (capped.MiaLoss!.MemberCount, capped.MiaLoss.NonMemberCount));
        Assert.True(all.Backdoor!.EligibleCount > 100);
        Assert.InRange(capped.Backdoor!.EligibleCount, 1, 100);
        Assert.Equal(all.Forget.Accuracy, capped.Forget.Accuracy);
        // A uniform subsample of a well-trained model's data: accuracy close to the full set's.
        Assert.InRange(capped.Retain.Accuracy, all.Retain.Accuracy - 0.1, Math.Min(1, all.Retain.Accuracy + 0.1));
    }

    [Fact]
    public async Task EvaluateAsync_MaxSamplesWithTheSameSeed_MeasuresEveryModelOnTheSameSamples()
    {
        using var model = TinyTask.Model();
        using var trained = TinyTask.TrainedModel();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet(), new LocalLearnerOptions { TestData = TinyTask.Test });
        var settings = new LocalEvaluateSettings { Seed = 9, MaxSamples = 60, ForgetClass = 1 };

        var first = await learner.EvaluateAsync(trained.ToAdapterParameterSet(), settings, CancellationToken.None);
        var again = await learner.EvaluateAsync(trained.ToAdapterParameterSet(), settings, CancellationToken.None);
        var otherSeed = await learner.EvaluateAsync(trained.ToAdapterParameterSet(), settings with { Seed = 10 }, CancellationToken.None);

        Assert.Equal((first.Forget!.Accuracy, first.Retain!.Accuracy, first.Test!.Accuracy, first.MiaLoss!.Accuracy),
            (again.Forget!.Accuracy, again.Retain!.Accuracy, again.Test!.Accuracy, again.MiaLoss!.Accuracy));
        Assert.Equal(60, first.Retain.SampleCount);
        Assert.Equal(60, otherSeed.Retain!.SampleCount);
    }

    [Fact]
    public async Task EvaluateAsync_NegativeMaxSamples_IsRefused()
    {
        using var model = TinyTask.Model();
        var learner = new LocalLearner(model, TinyTask.Train, new TombstoneSet());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            learner.EvaluateAsync(model.ToAdapterParameterSet(), new LocalEvaluateSettings { MaxSamples = -1 }, CancellationToken.None));
    }
}
