using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Transforms;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

/// <summary>
/// Sample-scope unlearning of a planted backdoor on the tiny task (seen as 1×4×4 images): 40 training
/// samples of classes 0, 2, 3 carry a 2×2 trigger and label 1; the model trained on the poisoned data
/// sends triggered test samples to class 1. The forget set is exactly the poisoned samples.
/// </summary>
internal static class BackdoorScenario
{
    public const int TargetClass = 1;

    public static readonly BackdoorTrigger Trigger = new(size: 2, value: 4f);

    public static readonly TrainingOptions Training = new() { Epochs = 3, BatchSize = 32, LearningRate = 1e-2, Seed = 11 };

    private static readonly DenseDataset Train = AsImages(TinyTask.Train);

    private static readonly DenseDataset Test = AsImages(TinyTask.Test);

    public static long[] PoisonedIds { get; } = Enumerable.Range(0, Train.Count)
        .Where(i => Train.GetLabel(i) != TargetClass).Take(40).Select(Train.GetId).ToArray();

    public static IDataset Poisoned { get; } = Trigger.Poison(Train, PoisonedIds, TargetClass).Materialize();

    public static IDataset Forget { get; } = Poisoned.SelectIds(PoisonedIds);

    public static IDataset Retain { get; } = Poisoned.ExceptIds(PoisonedIds);

    public static IDataset CleanTest => Test;

    public static IDataset TriggeredTest { get; } = Trigger.StampAll(Test).Materialize();

    private static readonly Lazy<ParameterSet> TrainedAdapter = new(() =>
    {
        using var model = TinyTask.Model();
        new LocalTrainer(new TrainingOptions { Epochs = 6, BatchSize = 32, LearningRate = 1e-2 }).Train(model, Poisoned);
        return model.ToAdapterParameterSet();
    });

    /// <summary>A model trained on the poisoned data (the backdoor planted); computed once.</summary>
    public static ClassifierModel TrainedModel()
    {
        var model = TinyTask.Model();
        model.LoadAdapterParameterSet(TrainedAdapter.Value);
        return model;
    }

    public static UnlearningContext Context(ClassifierModel model) => new()
    {
        Model = model,
        Forget = Forget,
        Retain = Retain,
        HeldOut = Test,
        Training = Training,
    };

    /// <summary>Attack success rate on triggered test samples whose true class is not the target.</summary>
    public static double AttackSuccessRate(ClassifierModel model)
    {
        var outputs = ModelEvaluator.Predict(model, TriggeredTest);
        return BackdoorAttack.SuccessRateFromLogits(outputs.Logits, outputs.Labels, TargetClass, outputs.ClassCount).SuccessRate;
    }

    private static DenseDataset AsImages(DenseDataset data) =>
        new(data.Name + "/4x4", data.AllFeatures.ToArray(), data.Labels.ToArray(), data.GetIds(), [1, 4, 4], data.ClassCount);
}
