using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

/// <summary>∇τ's descent term: cross-entropy or distillation, and the default by the request's scope.</summary>
public sealed partial class NablaTauTests
{
    [Fact]
    public void Apply_SkewedRetainSet_DistillKeepsTheClassesTheNodeDoesNotHoldWhereCrossEntropyLosesThem()
    {
        // A node whose retained data hold one class (label skew) forgets an island: cross-entropy on its labels pulls
        // the model towards that class; distilling the delivered model's predictions keeps the other classes.
        var island = Island(40);
        var skewed = TinyTask.WithLabel(TinyTask.Train, 0);
        var others = TinyTask.WithLabel(TinyTask.Test, 0, equal: false);
        double OthersAfter(NablaTauRetainLoss retainLoss)
        {
            using var model = TinyTask.TrainedModel();
            var context = UnlearningScenario.Context(model) with { Forget = island, Retain = skewed, HeldOut = null };
            UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { Tau = 2, RetainLoss = retainLoss }), context);
            Assert.True(ModelEvaluator.Predict(model, island).MeanCrossEntropy() > 1, "the island is forgotten either way");
            return TinyTask.Accuracy(model, others);
        }

        using var trained = TinyTask.TrainedModel();
        var before = TinyTask.Accuracy(trained, others);
        var (crossEntropy, distill) = (OthersAfter(NablaTauRetainLoss.CrossEntropy), OthersAfter(NablaTauRetainLoss.Distill));

        output.WriteLine($"test accuracy on classes 1-3: before {before:F3}, ce {crossEntropy:F3}, distill {distill:F3}");
        Assert.True(before > 0.9, $"before {before}");
        Assert.True(crossEntropy < before - 0.2, $"ce {crossEntropy} vs before {before}");
        Assert.True(distill > before - 0.05, $"distill {distill} vs before {before}");
    }

    [Fact]
    public void Distillation_KnownLogits_IsTheBatchMeanKlOfTeacherToStudent()
    {
        // Row 1: teacher (0.5, 0.5), student (0.75, 0.25): KL = 0.5·ln(0.5/0.75) + 0.5·ln(0.5/0.25). Row 2: equal, KL = 0.
        using var scope = torch.NewDisposeScope();
        var student = torch.tensor<float>([(float)Math.Log(3), 0f, 1f, 2f], [2, 2]);
        var teacher = torch.tensor<float>([0f, 0f, 1f, 2f], [2, 2]);

        var kl = NablaTauObjective.Distillation(student, teacher).item<float>();

        Assert.Equal((0.5 * Math.Log(0.5 / 0.75) + 0.5 * Math.Log(2)) / 2, kl, 6);
    }

    [Fact]
    public void Apply_ClassScopeWithDistill_TeacherKeepsNoMassOnTheClass_ForgetsItAndKeepsTheOthers()
    {
        // The teacher's predictions on retained samples are renormalised over the kept classes, so distillation
        // lowers the forgotten class's probability on retained inputs too, rather than teaching it back.
        using var model = TinyTask.TrainedModel();
        double MassOnClass() => ModelEvaluator.Predict(model, UnlearningScenario.Retain).Probabilities()
            .Where((_, i) => i % 4 == UnlearningScenario.ForgetClass).Average();
        var massBefore = MassOnClass();
        var context = UnlearningScenario.Context(model) with { ForgetClass = UnlearningScenario.ForgetClass };

        UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { RetainLoss = NablaTauRetainLoss.Distill }), context);

        var (forgetAfter, retainAfter) = UnlearningScenario.TestAccuracy(model);
        var massAfter = MassOnClass();
        output.WriteLine($"mass on the class over retained samples {massBefore:G3} -> {massAfter:G3}; test acc class {forgetAfter:F3}, others {retainAfter:F3}");
        Assert.True(massAfter < massBefore / 2, $"mass {massBefore} -> {massAfter}");
        Assert.True(forgetAfter < 0.2, $"forget-class accuracy {forgetAfter}");
        Assert.True(retainAfter > 0.85, $"other classes {retainAfter}");
    }

    [Fact]
    public void Apply_RetainOnlyWithDistill_FitsTheLabelsAsWithCrossEntropy()
    {
        // No forget term to guard against: a retain-only node's distill run is the same cross-entropy run, bit for bit.
        string Run(NablaTauRetainLoss retainLoss)
        {
            using var model = TinyTask.TrainedModel();
            var context = UnlearningScenario.Context(model) with { Forget = null, RetainOnly = true, HeldOut = null };
            var outcome = UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { Tau = 1, RetainLoss = retainLoss }), context);
            Assert.Equal(45, outcome.Steps);
            return TinyTask.AdapterHash(model);
        }

        using var trained = TinyTask.TrainedModel();
        var distilled = Run(NablaTauRetainLoss.Distill);

        Assert.Equal(Run(NablaTauRetainLoss.CrossEntropy), distilled);
        Assert.NotEqual(TinyTask.AdapterHash(trained), distilled);
    }

    [Theory]
    [InlineData(null, false, NablaTauRetainLoss.Distill)]
    [InlineData(null, true, NablaTauRetainLoss.CrossEntropy)]
    [InlineData("ce", false, NablaTauRetainLoss.CrossEntropy)]
    [InlineData("distill", true, NablaTauRetainLoss.Distill)]
    public void Apply_RetainLoss_ScopeDefaultUnlessGiven_AndTrainsWithIt(string? option, bool classScope, NablaTauRetainLoss expected)
    {
        // Samples: distill (the correction is committed at full weight from one skewed node); class: the paper's ce.
        // The default run must be bit-identical to a run naming the expected loss, and differ from the other one.
        var registry = MethodRegistry.CreateDefault();
        string Run(string? retainLoss, out UnlearningOutcome outcome)
        {
            using var model = TinyTask.TrainedModel();
            var context = UnlearningScenario.Context(model) with
            {
                ForgetClass = classScope ? UnlearningScenario.ForgetClass : null, Training = UnlearningScenario.Training with { MaxSteps = 3 },
            };
            var options = new Dictionary<string, string> { ["tau"] = "3" };
            if (retainLoss is not null) options["retain-loss"] = retainLoss;
            outcome = UnlearningRunner.Run(registry.Create("nabla-tau", options), context);
            return TinyTask.AdapterHash(model);
        }

        var adapter = Run(option, out var outcome);
        var named = Run(expected == NablaTauRetainLoss.Distill ? "distill" : "ce", out _);
        var other = Run(expected == NablaTauRetainLoss.Distill ? "ce" : "distill", out _);

        Assert.Equal(expected == NablaTauRetainLoss.Distill ? 1 : 0, outcome.Metrics["retain_distill"]);
        Assert.Equal(named, adapter);
        Assert.NotEqual(other, adapter);
    }

    [Fact]
    public void Read_RetainLoss_NullByDefault_ExplicitValueWinsInBothScopes()
    {
        var registry = MethodRegistry.CreateDefault();
        var byDefault = Assert.IsType<NablaTauMethod>(registry.Create("nabla-tau")).Options;
        var ce = Assert.IsType<NablaTauMethod>(registry.Create("nabla-tau", new Dictionary<string, string> { ["retain-loss"] = "ce" })).Options;
        var distill = Assert.IsType<NablaTauMethod>(registry.Create("nabla-tau", new Dictionary<string, string> { ["retain-loss"] = " Distill " })).Options;

        Assert.Null(byDefault.RetainLoss);
        Assert.Equal((NablaTauRetainLoss.Distill, NablaTauRetainLoss.CrossEntropy), (byDefault.RetainLossFor(null), byDefault.RetainLossFor(3)));
        Assert.Equal((NablaTauRetainLoss.CrossEntropy, NablaTauRetainLoss.CrossEntropy), (ce.RetainLossFor(null), ce.RetainLossFor(3)));
        Assert.Equal((NablaTauRetainLoss.Distill, NablaTauRetainLoss.Distill), (distill.RetainLossFor(null), distill.RetainLossFor(3)));
        var error = Assert.Throws<ArgumentException>(() => registry.Create("nabla-tau", new Dictionary<string, string> { ["retain-loss"] = "kl" }));
        Assert.StartsWith("Option 'retain-loss' of method 'nabla-tau' must be ce or distill, got kl.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RetainOnlyByDefault_FitsTheLabels()
    {
        using var model = TinyTask.TrainedModel();
        var context = UnlearningScenario.Context(model) with { Forget = null, RetainOnly = true, HeldOut = null, Training = UnlearningScenario.Training with { MaxSteps = 2 } };

        var outcome = UnlearningRunner.Run(new NablaTauMethod(new NablaTauOptions { Tau = 1 }), context);

        Assert.Equal(0, outcome.Metrics["retain_distill"]);
    }
}
