using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// One model family's settings: the base architecture, its pretraining on the public split, the LoRA
/// adapter and the fine-tune budget the original (and so retraining) gets.
/// </summary>
/// <param name="Name">mlp or vit.</param>
/// <param name="Base">The base architecture (no LoRA).</param>
/// <param name="LoRA">The adapter every scenario trains.</param>
/// <param name="Pretrain">Full-model training of the base on the public split.</param>
/// <param name="FineTune">Adapter training of the original and of retraining.</param>
/// <param name="RetainBudget">Retained samples the approximate methods see (one pass).</param>
/// <param name="Repeats">Timed runs of retraining and of each stateless method (the fastest is reported).</param>
internal sealed record ModelSetup(string Name, ModelSpec Base, LoRASpec LoRA, TrainingOptions Pretrain, TrainingOptions FineTune, int RetainBudget, int Repeats)
{
    /// <summary>The seed of the fresh adapter's A, shared by the original and retraining (retrain's <c>init-seed</c>).</summary>
    public const long AdapterSeed = 0;

    public static ModelSetup For(string name, BenchOptions options) => name switch
    {
        "mlp" => new ModelSetup("mlp", ModelSpec.Mlp(), LoRASpec.For(ModelKind.Mlp),
            new TrainingOptions { Epochs = 10, BatchSize = 64, LearningRate = 1e-3, Seed = options.Seed },
            new TrainingOptions { Epochs = options.MlpEpochs, BatchSize = 64, LearningRate = 2e-3, Seed = options.Seed },
            options.MlpRetainBudget, options.MlpRepeats),
        "vit" => new ModelSetup("vit", ModelSpec.Vit(), LoRASpec.For(ModelKind.Vit),
            new TrainingOptions { Epochs = 10, BatchSize = 64, LearningRate = 1e-3, Seed = options.Seed },
            new TrainingOptions { Epochs = options.VitEpochs, BatchSize = 64, LearningRate = 2e-3, Seed = options.Seed },
            options.VitRetainBudget, options.VitRepeats),
        _ => throw new ArgumentException($"Unknown model '{name}'.", nameof(name)),
    };
}
