using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;

namespace FedUnlearn.Learning.Tests.Unlearning;

/// <summary>Class-scope unlearning on the tiny task: forget class 0 of a model trained on everything.</summary>
internal static class UnlearningScenario
{
    public const int ForgetClass = 0;

    public static readonly TrainingOptions Training = new() { Epochs = 3, BatchSize = 32, LearningRate = 1e-2, Seed = 5 };

    public static DatasetSubset Forget { get; } = TinyTask.WithLabel(TinyTask.Train, ForgetClass);

    public static DatasetSubset Retain { get; } = TinyTask.WithLabel(TinyTask.Train, ForgetClass, equal: false);

    public static DatasetSubset TestForget { get; } = TinyTask.WithLabel(TinyTask.Test, ForgetClass);

    public static DatasetSubset TestRetain { get; } = TinyTask.WithLabel(TinyTask.Test, ForgetClass, equal: false);

    public static UnlearningContext Context(ClassifierModel model) => new()
    {
        Model = model,
        Forget = Forget,
        Retain = Retain,
        HeldOut = TinyTask.Test,
        Training = Training,
    };

    /// <summary>Accuracy on the test samples of the forgotten class and of the others.</summary>
    public static (double Forget, double Retain) TestAccuracy(ClassifierModel model) =>
        (ModelEvaluator.Predict(model, TestForget).Report().Accuracy, ModelEvaluator.Predict(model, TestRetain).Report().Accuracy);
}
