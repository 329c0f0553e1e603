using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Tests.Training;

[Collection(TorchModelCollection.Name)]
public sealed class TrainingLoopTests
{
    private static readonly TrainingOptions Options = new() { Epochs = 2, BatchSize = 50, LearningRate = 1e-2, Seed = 1 };

    [Fact]
    public void Run_ObjectiveTurnsNaNAfterTwoSteps_RestoresAdapterFromBeforeTheRun()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);
        var objective = new ScriptedObjective(step => step.Step == 2 ? double.NaN : 1);

        var error = Assert.Throws<TrainingDivergedException>(() => new TrainingLoop(model, Options).Run(TinyTask.Train, objective));

        Assert.Equal(("loss", 2, 0), (error.Quantity, error.Step, error.Epoch));
        Assert.True(double.IsNaN(error.Value));
        Assert.Equal(3, objective.Calls);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_InfiniteGradientWithClipping_IsCaughtAsGradientNorm()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);
        var objective = new SingularGradientObjective();

        var error = Assert.Throws<TrainingDivergedException>(() => new TrainingLoop(model, Options with { ClipNorm = 1 }).Run(TinyTask.Train, objective));

        Assert.Equal("gradient norm", error.Quantity);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_AfterBackwardHookZeroesAGradient_ThatParameterNeverMoves()
    {
        using var model = TinyTask.Model();
        var frozen = model.named_lora_parameters().Single(p => p.name == "fc1.lora_A").parameter;
        var before = frozen.ToArray<float>();
        var hooks = new TrainingHooks
        {
            AfterBackward = step =>
            {
                using var grad = step.Parameters.Single(p => p.Name == "fc1.lora_A").Parameter.grad!;
                grad.zero_();
            },
        };

        new TrainingLoop(model, Options with { Optimizer = TrainingOptimizer.Sgd, Momentum = 0 }, hooks).Run(TinyTask.Train, new ScriptedObjective(_ => 1));

        Assert.Equal(before, frozen.ToArray<float>());
        Assert.NotEqual(0f, model.named_lora_parameters().Single(p => p.name == "head.lora_B").parameter.abs().sum().item<float>());
    }

    [Fact]
    public void Run_SkippedSteps_LeaveAdapterUnchangedButReportLoss()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);

        var result = new TrainingLoop(model, Options).Run(TinyTask.Train, new ScriptedObjective(_ => 1, skip: true));

        Assert.Equal(24, result.Steps);
        Assert.NotNull(result.Loss);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Run_CosineSchedule_WarmsUpThenDecaysTowardZero()
    {
        using var model = TinyTask.Model();
        var rates = new List<double>();
        var progress = new InlineProgress<TrainingProgress>(p => rates.Add(p.LearningRate));

        new TrainingLoop(model, Options with { Schedule = LearningRateSchedule.Cosine, WarmupSteps = 4, MaxSteps = 20 })
            .Run(TinyTask.Train, new ScriptedObjective(_ => 1), progress: progress);

        Assert.Equal(20, rates.Count);
        Assert.Equal(0, rates[0]);
        Assert.Equal(1e-2, rates[4], 12);
        Assert.True(rates[^1] < 1e-4, $"last rate {rates[^1]}");
    }

    [Fact]
    public void Run_NonScalarLoss_IsAClearError()
    {
        using var model = TinyTask.Model();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new TrainingLoop(model, Options).Run(TinyTask.Train, new PerSampleObjective()));

        Assert.Contains("must be a scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchStream_Next_CyclesThroughEpochsAndSkipsTombstones()
    {
        var data = TinyTask.Train.Subset(Enumerable.Range(0, 10));
        var stream = new BatchStream(data, new BatchSamplerOptions { BatchSize = 4, Seed = 2 }, new TombstoneSet([3L]), Device.CPU);
        using var scope = torch.NewDisposeScope();

        var batches = Enumerable.Range(0, 6).Select(_ => stream.Next()).Select(b => (b.Count, Ids: b.Ids.ToArray(), Shape: b.Features.shape)).ToList();

        Assert.Equal([4, 4, 1, 4, 4, 1], batches.Select(b => b.Count));
        Assert.Equal([4L, 16], batches[0].Shape);
        Assert.Equal(Enumerable.Range(0, 10).Where(i => i != 3).Select(i => (long)i), batches.Take(3).SelectMany(b => b.Ids).Order());
    }

    /// <summary>Loss = value · mean(logits); counts its calls.</summary>
    private sealed class ScriptedObjective(Func<StepContext, double> value, bool skip = false) : TrainingObjective
    {
        public int Calls { get; private set; }

        public override Tensor Loss(StepContext step)
        {
            Calls++;
            if (skip) step.SkipStep();
            var logits = step.Model.forward(step.Batch.Features);
            return logits.mean().mul(value(step));
        }
    }

    /// <summary>Loss = Σ sqrt(|z − z.detach()|): exactly 0, but its gradient is not finite.</summary>
    private sealed class SingularGradientObjective : TrainingObjective
    {
        public override Tensor Loss(StepContext step)
        {
            var logits = step.Model.forward(step.Batch.Features);
            return logits.sub(logits.detach()).abs().sqrt().sum();
        }
    }

    private sealed class PerSampleObjective : TrainingObjective
    {
        public override Tensor Loss(StepContext step) =>
            F.cross_entropy(step.Model.forward(step.Batch.Features), step.Batch.Labels, reduction: Reduction.None);
    }
}
