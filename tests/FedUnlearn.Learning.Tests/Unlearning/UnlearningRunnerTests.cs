using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Finetune;
using FedUnlearn.Learning.Unlearning.GradientAscent;
using FedUnlearn.Learning.Unlearning.LabelFlip;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Learning.Unlearning.Retrain;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class UnlearningRunnerTests
{
    [Fact]
    public void Retrain_EqualsTrainingAFreshAdapterWithoutTheForgottenData()
    {
        using var unlearned = TinyTask.TrainedModel();
        using var scratch = TinyTask.Model();

        var outcome = UnlearningRunner.Run(new RetrainMethod(new RetrainOptions { InitSeed = 7 }), UnlearningScenario.Context(unlearned));
        AdapterInitializer.Reset(scratch, seed: 7);
        new LocalTrainer(UnlearningScenario.Training).Train(scratch, UnlearningScenario.Retain);

        Assert.Equal(TinyTask.AdapterHash(scratch), outcome.Adapter.ContentHash());
        Assert.Equal(450, outcome.SampleCount);
    }

    [Fact]
    public void Retrain_ResetFalse_ContinuesFromTheLoadedAdapterLikeFinetune()
    {
        using var a = TinyTask.TrainedModel();
        using var b = TinyTask.TrainedModel();

        var retrained = UnlearningRunner.Run(new RetrainMethod(new RetrainOptions { Reset = false }), UnlearningScenario.Context(a));
        var finetuned = UnlearningRunner.Run(new FinetuneMethod(), UnlearningScenario.Context(b));

        Assert.Equal(finetuned.Adapter.ContentHash(), retrained.Adapter.ContentHash());
    }

    [Fact]
    public void Run_MethodDivergesMidway_RestoresAdapter()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var method = new LabelFlipMethod(new LabelFlipOptions { Optimization = new OptimizationOverrides { LearningRate = 1e30 } });

        Assert.Throws<TrainingDivergedException>(() =>
            UnlearningRunner.Run(method, UnlearningScenario.Context(model) with { Training = UnlearningScenario.Training with { Optimizer = TrainingOptimizer.Sgd } }));

        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_MethodLeavesNaNWithoutThrowing_IsRejectedAndRestored()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);

        var error = Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(new PoisoningMethod(), UnlearningScenario.Context(model)));

        Assert.Contains("head.lora_B", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_Cancelled_RestoresAdapter()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        using var cts = new CancellationTokenSource();
        var context = UnlearningScenario.Context(model) with { Progress = new InlineProgress<TrainingProgress>(p => { if (p.Step == 5) cts.Cancel(); }) };

        Assert.ThrowsAny<OperationCanceledException>(() => UnlearningRunner.Run(new NablaTauMethod(), context, cts.Token));

        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void GradientAscent_RetainOnly_ReturnsAdapterUnchanged()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);

        var outcome = UnlearningRunner.Run(new GradientAscentMethod(), UnlearningScenario.Context(model) with { Forget = null, RetainOnly = true });

        Assert.Equal(before, outcome.Adapter.ContentHash());
        Assert.Equal((0, 1.0), (outcome.Steps, outcome.Metrics["skipped"]));
    }

    [Fact]
    public void GradientAscent_ForgetSetIsAllData_NeedsNoRetainedData()
    {
        using var model = TinyTask.TrainedModel();

        var outcome = UnlearningRunner.Run(new GradientAscentMethod(new GradientAscentOptions { Optimization = new() { MaxSteps = 3 } }),
            UnlearningScenario.Context(model) with { Forget = TinyTask.Train, Retain = TinyTask.Train.Subset([]) });

        Assert.Equal(3, outcome.Steps);
        Assert.Equal(600, outcome.SampleCount);
    }

    public static TheoryData<string, Func<UnlearningContext, UnlearningContext>, string> BadInputs => new()
    {
        { "finetune", c => c with { Forget = TinyTask.Train.Subset([]) }, "forget set is empty" },
        { "finetune", c => c with { Forget = TinyTask.Train, Retain = TinyTask.Train.Subset([]) }, "needs retained data" },
        { "label-flip", c => c with { RetainOnly = true }, "must not carry forget data" },
        { "nabla-tau", c => c with { HeldOut = null }, "needs held-out data" },
        { "finetune", c => c with { Retain = TinyTask.Train }, "in both the forget set and the retain set" },
        { "finetune", c => c with { Forget = SixClasses() }, "outside the model's classes 0..3" },
        { "retrain", c => c with { Retain = SyntheticTabular.Generate(new SyntheticTabularOptions { FeatureCount = 9 }) }, "9 floats per sample" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Run_BadInput_ThrowsClearErrorAndChangesNothing(string name, Func<UnlearningContext, UnlearningContext> spoil, string message)
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var method = MethodRegistry.CreateDefault().Create(name);

        var error = Assert.Throws<ArgumentException>(() => UnlearningRunner.Run(method, spoil(UnlearningScenario.Context(model))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_ModelWithoutAdapter_IsRejected()
    {
        using var plain = ModelFactory.Create(TinyTask.Spec with { LoRA = null });

        var error = Assert.Throws<ArgumentException>(() => UnlearningRunner.Run(new FinetuneMethod(), UnlearningScenario.Context(plain)));

        Assert.Contains("no LoRA adapter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedLabel_IsAlwaysWrongAndCoversEveryOtherClass()
    {
        var flips = Enumerable.Range(0, 3000).Select(id => LabelFlipMethod.FlippedLabel(id, 2, 4, seed: 1)).ToList();

        Assert.DoesNotContain(2L, flips);
        Assert.All(new long[] { 0, 1, 3 }, c => Assert.InRange(flips.Count(f => f == c), 900, 1100));
        Assert.Equal(flips[17], LabelFlipMethod.FlippedLabel(17, 2, 4, seed: 1));
    }

    private static DenseDataset SixClasses() =>
        SyntheticTabular.Generate(new SyntheticTabularOptions { FeatureCount = 16, ClassCount = 6, TrainSamplesPerClass = 2 }, DatasetSplit.Test);

    /// <summary>Writes NaN into the adapter and reports success: the runner must not commit it.</summary>
    private sealed class PoisoningMethod : IUnlearningMethod
    {
        public string Name => "poison";

        public UnlearningRequirements Requirements => UnlearningRequirements.None;

        public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
        {
            using var noGrad = torch.no_grad();
            context.Model.named_lora_parameters().Last().parameter.fill_(double.NaN);
            return new UnlearningReport(1, 0, new Dictionary<string, double>());
        }
    }
}
