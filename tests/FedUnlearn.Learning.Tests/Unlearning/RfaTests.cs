using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Rfa;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class RfaTests(ITestOutputHelper output)
{
    private static readonly MethodRegistry Registry = MethodRegistry.CreateDefault();

    [Theory]
    [InlineData("lr=0.03", 0.2)]
    [InlineData("target=uniform-kl,epochs=3,retain-ce=1", 0.5)]
    public void Rfa_ClassScope_ForgetAccuracyCollapsesRetainAccuracyHolds(string options, double maxForget)
    {
        using var model = TinyTask.TrainedModel();
        var (forgetBefore, retainBefore) = UnlearningScenario.TestAccuracy(model);

        var context = UnlearningScenario.Context(model) with { ForgetClass = UnlearningScenario.ForgetClass };
        var outcome = UnlearningRunner.Run(Registry.Create("rfa", Parse(options)), context);

        var (forgetAfter, retainAfter) = UnlearningScenario.TestAccuracy(model);
        output.WriteLine($"rfa {options}: forget {forgetBefore:F3} -> {forgetAfter:F3}, retain {retainBefore:F3} -> {retainAfter:F3}, steps {outcome.Steps}, "
            + string.Join(", ", outcome.Metrics.Select(kv => $"{kv.Key}={kv.Value:G4}")));
        Assert.True(forgetBefore > 0.9, $"the trained model knows class 0: {forgetBefore}");
        Assert.True(forgetAfter < maxForget, $"test accuracy on the forgotten class {forgetAfter}");
        Assert.True(retainAfter >= retainBefore - 0.03, $"test accuracy on the other classes {retainBefore} -> {retainAfter}");
        Assert.Equal(600, outcome.SampleCount);
    }

    [Fact]
    public void Rfa_BackdoorSampleScope_AttackSuccessDropsCleanAccuracyHolds()
    {
        using var model = BackdoorScenario.TrainedModel();
        var asrBefore = BackdoorScenario.AttackSuccessRate(model);
        var cleanBefore = TinyTask.Accuracy(model, BackdoorScenario.CleanTest);

        var outcome = UnlearningRunner.Run(new RfaMethod(), BackdoorScenario.Context(model));

        var asrAfter = BackdoorScenario.AttackSuccessRate(model);
        var cleanAfter = TinyTask.Accuracy(model, BackdoorScenario.CleanTest);
        output.WriteLine($"rfa backdoor: ASR {asrBefore:F3} -> {asrAfter:F3}, clean {cleanBefore:F3} -> {cleanAfter:F3}, "
            + string.Join(", ", outcome.Metrics.Select(kv => $"{kv.Key}={kv.Value:G4}")));
        Assert.True(asrBefore > 0.8, $"the backdoor is planted: ASR {asrBefore}");
        Assert.True(asrAfter < 0.2, $"ASR after unlearning {asrAfter}");
        Assert.True(cleanAfter >= cleanBefore - 0.04, $"clean accuracy {cleanBefore} -> {cleanAfter}");
    }

    [Fact]
    public void Rfa_RandomTarget_MovesForgetFeaturesFarMoreThanRetainFeatures()
    {
        using var model = TinyTask.TrainedModel();
        var forgetBefore = ModelEvaluator.Predict(model, UnlearningScenario.TestForget, includeFeatures: true).Features!;
        var retainBefore = ModelEvaluator.Predict(model, UnlearningScenario.TestRetain, includeFeatures: true).Features!;

        UnlearningRunner.Run(Registry.Create("rfa", Parse("target=random,lr=0.03")), UnlearningScenario.Context(model));

        var forgetMove = MeanSquaredChange(forgetBefore, ModelEvaluator.Predict(model, UnlearningScenario.TestForget, includeFeatures: true).Features!);
        var retainMove = MeanSquaredChange(retainBefore, ModelEvaluator.Predict(model, UnlearningScenario.TestRetain, includeFeatures: true).Features!);
        output.WriteLine($"random target: forget features moved {forgetMove:G4}, retain {retainMove:G4}");
        Assert.True(forgetMove > 5 * retainMove, $"forget features moved {forgetMove}, retain {retainMove}");
    }

    [Fact]
    public void Rfa_TrainsOnlyTheFeatureAdapters_HeadAdapterBitIdentical()
    {
        using var model = TinyTask.TrainedModel();
        var before = model.ToAdapterParameterSet();

        UnlearningRunner.Run(new RfaMethod(), UnlearningScenario.Context(model));

        var after = model.ToAdapterParameterSet();
        Assert.Equal(before["head.lora_A"].Data, after["head.lora_A"].Data);
        Assert.Equal(before["head.lora_B"].Data, after["head.lora_B"].Data);
        Assert.NotEqual(before["fc1.lora_B"].Data, after["fc1.lora_B"].Data);
        Assert.All(model.named_lora_parameters(), p => Assert.True(p.parameter.requires_grad, $"{p.name} trainable again"));
    }

    [Fact]
    public void Rfa_RetainOnlyWithoutCrossEntropy_KeepsTheAdapter()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);

        var outcome = UnlearningRunner.Run(new RfaMethod(), UnlearningScenario.Context(model) with { Forget = null, RetainOnly = true });

        Assert.Equal(0, outcome.Steps);
        Assert.Equal(before, outcome.Adapter.ContentHash());
    }

    [Fact]
    public void Rfa_Diverges_RunnerRestoresAdapter()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var method = new RfaMethod(new RfaOptions { Optimization = new OptimizationOverrides { LearningRate = 1e30 } });
        var context = UnlearningScenario.Context(model) with { Training = UnlearningScenario.Training with { Optimizer = TrainingOptimizer.Sgd } };

        Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(method, context));

        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Rfa_AdapterOnlyOnHead_ClearError()
    {
        using var model = ModelFactory.Create(TinyTask.Spec with { LoRA = new LoRASpec(["head"], Rank: 2, Alpha: 4) });

        var error = Assert.Throws<ArgumentException>(() => UnlearningRunner.Run(new RfaMethod(), UnlearningScenario.Context(model)));

        Assert.Contains("only LoRA adapter is on its head", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("target=nearest", "Option 'target' of method 'rfa' must be other-class-mean, random or uniform-kl, got nearest.")]
    [InlineData("lambda=0", "Option 'lambda' of method 'rfa' must be positive, got 0.")]
    [InlineData("retain-ce=-1", "Option 'retain-ce' of method 'rfa' must be >= 0, got -1.")]
    public void Create_BadOption_ClearError(string options, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Registry.Create("rfa", Parse(options)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Defaults_OneEpochOtherClassMeanLambdaByScope()
    {
        var method = Assert.IsType<RfaMethod>(Registry.Create("rfa"));

        Assert.Equal(1, method.Options.Optimization.Epochs);
        Assert.Equal(RfaTarget.OtherClassMean, method.Options.Target);
        Assert.Null(method.Options.Lambda);
        Assert.Equal((0.1, 1.0), (method.Options.LambdaFor(forgetClass: null), method.Options.LambdaFor(forgetClass: 3)));
    }

    [Fact]
    public void Create_ExplicitLambda_WinsInBothScopes()
    {
        var method = Assert.IsType<RfaMethod>(Registry.Create("rfa", Parse("lambda=0.5")));

        Assert.Equal((0.5, 0.5), (method.Options.LambdaFor(forgetClass: null), method.Options.LambdaFor(forgetClass: 3)));
    }

    [Theory]
    [InlineData("", false, 0.1)]
    [InlineData("", true, 1.0)]
    [InlineData("lambda=0.5", false, 0.5)]
    [InlineData("lambda=0.5", true, 0.5)]
    public void Apply_Lambda_ScopeDefaultUnlessGiven_AndTrainsWithIt(string options, bool classScope, double expected)
    {
        // The default run must be bit-identical to a run naming the expected λ: the report's figure is what trained.
        string Run(string text, out UnlearningOutcome outcome)
        {
            using var model = TinyTask.TrainedModel();
            var context = UnlearningScenario.Context(model) with
            {
                ForgetClass = classScope ? UnlearningScenario.ForgetClass : null, Training = UnlearningScenario.Training with { MaxSteps = 3 },
            };
            outcome = UnlearningRunner.Run(Registry.Create("rfa", Parse(text)), context);
            return TinyTask.AdapterHash(model);
        }

        var adapter = Run(options, out var outcome);
        var named = Run(FormattableString.Invariant($"lambda={expected}"), out _);
        var other = Run(FormattableString.Invariant($"lambda={(expected == 1 ? 0.1 : 1)}"), out _);

        Assert.Equal(expected, outcome.Metrics["lambda"]);
        Assert.Equal(named, adapter);
        Assert.NotEqual(other, adapter);
    }

    private static double MeanSquaredChange(float[] before, float[] after)
    {
        double sum = 0;
        for (var i = 0; i < before.Length; i++) sum += (double)(after[i] - before[i]) * (after[i] - before[i]);
        return sum / before.Length;
    }

    internal static Dictionary<string, string> Parse(string options) =>
        options.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
