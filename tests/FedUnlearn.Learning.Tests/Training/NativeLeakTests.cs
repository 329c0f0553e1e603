using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Tests.Unlearning;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Training;

[Collection(TorchModelCollection.Name)]
public sealed class NativeLeakTests
{
    [Fact]
    public void TrainingUnlearningAndEvaluation_FreeEveryNativeTensorTheyCreate()
    {
        using var model = TinyTask.TrainedModel();
        var live = Tensor.LiveCount;

        new LocalTrainer(new TrainingOptions { BatchSize = 32, ClipNorm = 1, Schedule = LearningRateSchedule.Cosine }).Train(model, TinyTask.Train, new TombstoneSet([1L, 2L]));
        UnlearningRunner.Run(new NablaTauMethod(), UnlearningScenario.Context(model));
        Assert.Throws<TrainingDivergedException>(() =>
            new LocalTrainer(new TrainingOptions { LearningRate = 1e30, Optimizer = TrainingOptimizer.Sgd }).Train(model, TinyTask.Train));
        ModelEvaluator.Evaluate(model, new EvaluationSets { Forget = UnlearningScenario.Forget, Test = TinyTask.Test, Reference = model });

        Assert.Equal(live, Tensor.LiveCount);
    }
}
