using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Internal;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Support;

/// <summary>
/// A tiny, fast, fully deterministic learning task: 4 Gaussian classes in 16 dimensions (as 1×4×4
/// "images") and a 16-32-4 MLP whose frozen base and LoRA A come from a managed seeded generator, so
/// results never depend on libtorch's process-wide generator (other tests seed it in parallel).
/// </summary>
internal static class TinyTask
{
    public const int Classes = 4;

    public static readonly ModelSpec Spec = new()
    {
        Kind = ModelKind.Mlp,
        InputChannels = 1,
        ImageSize = 4,
        NumClasses = Classes,
        HiddenSizes = [32],
        LoRA = new LoRASpec(["fc1", "head"], Rank: 4, Alpha: 8),
    };

    private static readonly SyntheticTabularOptions DataOptions = new()
    {
        FeatureCount = 16,
        ClassCount = Classes,
        TrainSamplesPerClass = 150,
        TestSamplesPerClass = 60,
        Separation = 0.8f,
        Seed = 7,
    };

    public static DenseDataset Train { get; } = SyntheticTabular.Generate(DataOptions, DatasetSplit.Train);

    public static DenseDataset Test { get; } = SyntheticTabular.Generate(DataOptions, DatasetSplit.Test);

    /// <summary>A model with deterministic base weights and a fresh adapter (B = 0).</summary>
    public static ClassifierModel Model(ulong seed = 1)
    {
        var model = ModelFactory.Create(Spec);
        var values = new ParameterSet();
        var rng = new Xoshiro256(seed, 99);
        foreach (var t in model.ToParameterSet())
        {
            var data = new float[t.Data.Length];
            if (!t.Name.EndsWith("lora_B", StringComparison.Ordinal))
            {
                var fanIn = t.Shape.Length > 1 ? t.Shape[1] : t.Shape[0];
                var bound = 1.0 / Math.Sqrt(fanIn);
                for (var i = 0; i < data.Length; i++) data[i] = (float)((2 * rng.NextDouble() - 1) * bound);
            }

            values.Add(t.Name, t.Shape, data);
        }

        model.LoadParameterSet(values);
        return model;
    }

    private static readonly Lazy<ParameterSet> TrainedAdapter = new(() =>
    {
        using var model = Model();
        new LocalTrainer(new TrainingOptions { Epochs = 4, BatchSize = 32, LearningRate = 1e-2 }).Train(model, Train);
        return model.ToAdapterParameterSet();
    });

    /// <summary>A model whose adapter was trained on all of <see cref="Train"/> (about 95% test accuracy); computed once.</summary>
    public static ClassifierModel TrainedModel()
    {
        var model = Model();
        model.LoadAdapterParameterSet(TrainedAdapter.Value);
        return model;
    }

    /// <summary>The model's adapter hash (what the aggregator would see).</summary>
    public static string AdapterHash(torch.nn.Module model) => model.ToAdapterParameterSet().ContentHash();

    /// <summary>Hash of everything but the adapter.</summary>
    public static string BaseHash(torch.nn.Module model)
    {
        var all = model.ToParameterSet();
        return new ParameterSet(all.Where(t => !t.Name.Contains("lora_", StringComparison.Ordinal))).ContentHash();
    }

    /// <summary>Accuracy of the model on a dataset (eval mode, no grad).</summary>
    public static double Accuracy(ClassifierModel model, IDataset data) =>
        ModelEvaluator.Predict(model, data).Report().Accuracy;

    /// <summary>The samples of <paramref name="data"/> with (or without) label <paramref name="label"/>.</summary>
    public static DatasetSubset WithLabel(IDataset data, int label, bool equal = true) =>
        data.Subset(Enumerable.Range(0, data.Count).Where(i => (data.GetLabel(i) == label) == equal));
}
