using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed partial class NablaTauTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_SampleScope_RaisesMemorisedSamplesLossToAboutTauFromHeldOutData()
    {
        // 40 samples on an "island" far from every class: a model trained with them fits them (loss near 0),
        // while unseen data costs the held-out loss tau. Forgetting them should lift their loss to about tau.
        var island = Island(40);
        var all = Concat(TinyTask.Train, island);
        using var model = TinyTask.Model();
        new LocalTrainer(UnlearningScenario.Training with { Epochs = 6 }).Train(model, all);
        var tau = ModelEvaluator.Predict(model, TinyTask.Test).MeanCrossEntropy();
        var before = ModelEvaluator.Predict(model, island).MeanCrossEntropy();
        var testBefore = TinyTask.Accuracy(model, TinyTask.Test);
        var context = UnlearningScenario.Context(model) with { Forget = island, Retain = TinyTask.Train, Training = UnlearningScenario.Training with { LearningRate = 1e-3 } };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(), context);

        var after = ModelEvaluator.Predict(model, island).MeanCrossEntropy();
        var testAfter = TinyTask.Accuracy(model, TinyTask.Test);
        output.WriteLine($"tau {tau:G4}, forget CE {before:G4} -> {after:G4}, test acc {testBefore:F3} -> {testAfter:F3}; "
            + string.Join(", ", outcome.Metrics.Select(kv => $"{kv.Key}={kv.Value:G4}")));
        Assert.Equal(tau, outcome.Metrics["tau"], tau * 0.15);
        Assert.Equal(5.0 / 3 * 40 / 640, outcome.Metrics["a0"], 12);
        Assert.True(before < tau / 4, $"the island is fitted: {before} vs tau {tau}");
        Assert.InRange(after, tau / 2, tau * 3);
        Assert.True(testAfter > testBefore - 0.03, $"test accuracy {testBefore} -> {testAfter}");
        Assert.Equal(640, outcome.SampleCount);
    }

    [Fact]
    public void Apply_DefaultTau_IsTheMeanHeldOutLossOfTheModelBeforeTheEpoch()
    {
        using var model = TinyTask.TrainedModel();
        var expected = ModelEvaluator.Predict(model, TinyTask.Test).MeanCrossEntropy();
        var context = UnlearningScenario.Context(model) with { Training = UnlearningScenario.Training with { Epochs = 1, MaxSteps = 2 } };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(), context);

        Assert.Equal(expected, outcome.Metrics["tau"], 12);
        Assert.Equal(2, outcome.Steps);
    }

    [Fact]
    public void Apply_ClassScopeWithoutTau_UsesTwiceLnKAndForgetsTheClass()
    {
        // The held-out loss (the default for samples) would stop the ascent while the class is still known.
        using var model = TinyTask.TrainedModel();
        var heldOutLoss = ModelEvaluator.Predict(model, TinyTask.Test).MeanCrossEntropy();
        var (forgetBefore, _) = UnlearningScenario.TestAccuracy(model);
        var context = UnlearningScenario.Context(model) with { ForgetClass = UnlearningScenario.ForgetClass };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(), context);

        var (forgetAfter, retainAfter) = UnlearningScenario.TestAccuracy(model);
        output.WriteLine($"held-out loss {heldOutLoss:G4}; forget-class test acc {forgetBefore:F3} -> {forgetAfter:F3}, others {retainAfter:F3}");
        Assert.Equal(2 * Math.Log(4), outcome.Metrics["tau"], 12);
        Assert.True(heldOutLoss < Math.Log(4) / 2, $"held-out loss {heldOutLoss}");
        Assert.True(forgetBefore > 0.8, $"the class is known before: {forgetBefore}");
        Assert.True(forgetAfter < 0.2, $"forget-class accuracy {forgetBefore} -> {forgetAfter}");
        Assert.True(retainAfter > 0.85, $"other classes {retainAfter}");
    }

    [Fact]
    public void Apply_ClassScopeWithExplicitTau_KeepsTheGivenTau()
    {
        using var model = TinyTask.TrainedModel();
        var context = UnlearningScenario.Context(model) with
        {
            ForgetClass = UnlearningScenario.ForgetClass, Training = UnlearningScenario.Training with { Epochs = 1, MaxSteps = 2 },
        };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { Tau = 3 }), context);

        Assert.Equal(3, outcome.Metrics["tau"]);
    }

    [Fact]
    public void Apply_RetainOnly_TrainsRetainSideWithoutForgetBatchesOrTau()
    {
        using var model = TinyTask.TrainedModel();
        var context = UnlearningScenario.Context(model) with { Forget = null, RetainOnly = true, HeldOut = null };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { Tau = 1 }), context);

        Assert.Equal(0, outcome.Metrics["a0"]);
        Assert.False(outcome.Metrics.ContainsKey("forget_loss"));
        Assert.Equal(450, outcome.SampleCount);
        Assert.Equal(45, outcome.Steps);
    }

    [Fact]
    public void InitialAlpha_FollowsFiveThirdsRuleClampedAtOne()
    {
        Assert.Equal(5.0 / 30, NablaTauMethod.InitialAlpha(10, 100), 12);
        Assert.Equal(1.0, NablaTauMethod.InitialAlpha(80, 100));
        Assert.Equal(0.0, NablaTauMethod.InitialAlpha(0, 0));
    }

    private static DenseDataset Island(int count)
    {
        var rng = new Xoshiro256(3, 3);
        var features = new float[count * 16];
        for (var i = 0; i < features.Length; i++) features[i] = 4 + (0.3f * rng.NextApproxNormal());
        return new DenseDataset("island", features, [.. Enumerable.Repeat(2L, count)], [.. Enumerable.Range(0, count).Select(i => 5_000_000L + i)], [16], 4);
    }

    private static DenseDataset Concat(IDataset a, IDataset b)
    {
        var (x, y) = (a.Materialize(), b.Materialize());
        float[] features = [.. Enumerable.Range(0, x.Count).SelectMany(i => x.Features(i).ToArray()), .. Enumerable.Range(0, y.Count).SelectMany(i => y.Features(i).ToArray())];
        long[] labels = [.. Enumerable.Range(0, x.Count).Select(i => x.GetLabel(i)), .. Enumerable.Range(0, y.Count).Select(i => y.GetLabel(i))];
        return new DenseDataset("train+island", features, labels, [.. x.GetIds(), .. y.GetIds()], [16], 4);
    }
}
