using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Evaluation;

[Collection(TorchModelCollection.Name)]
public sealed class ModelEvaluatorTests
{
    [Fact]
    public void Predict_MatchesForwardInDatasetOrder_AndRestoresTrainingMode()
    {
        using var model = TinyTask.TrainedModel();
        var data = TinyTask.Test.Subset(Enumerable.Range(5, 37));
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var direct = model.forward(torch.tensor<float>(TinyTask.Test.Features(5), [1, 16])).ToArray<float>();
            var batched = ModelEvaluator.Predict(model, data).Logits;
            Assert.All(Enumerable.Range(0, 4), j => Assert.Equal(direct[j], batched[j], 1e-4f));
        }

        var outputs = ModelEvaluator.Predict(model, data, includeFeatures: true, batchSize: 8);

        Assert.True(model.training);
        Assert.Equal(37, outputs.Count);
        Assert.Equal(data.GetIds(), outputs.Ids);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (int)data.GetLabel(i)), outputs.Labels);
        Assert.Equal(37 * 32, outputs.Features!.Length);
        var whole = ModelEvaluator.Predict(model, data, batchSize: 256);
        Assert.All(Enumerable.Range(0, whole.Logits.Length), j => Assert.Equal(whole.Logits[j], outputs.Logits[j], 1e-4f));
    }

    [Fact]
    public void Evaluate_ClassScope_ReportsSetsMiaAndPerClassFigures()
    {
        using var model = TinyTask.TrainedModel();
        var forget = TinyTask.WithLabel(TinyTask.Train, 0);
        var sets = new EvaluationSets
        {
            Forget = forget,
            Retain = TinyTask.WithLabel(TinyTask.Train, 0, equal: false),
            Test = TinyTask.Test,
            ForgetClass = 0,
        };

        var metrics = ModelEvaluator.Evaluate(model, sets);

        Assert.Equal(150, metrics.Forget!.SampleCount);
        Assert.Equal(450, metrics.Retain!.SampleCount);
        Assert.Equal(240, metrics.Test!.SampleCount);
        Assert.Null(metrics.Retain.PerClass[0].Accuracy);
        Assert.True(metrics.ForgetAccuracy > 0.8, $"forget {metrics.ForgetAccuracy}");
        // Members 150 vs the 60 test samples of class 0: the attack equalises to 60 each.
        Assert.Equal((60, 60), (metrics.MiaLoss!.MemberCount, metrics.MiaLoss.NonMemberCount));
        Assert.InRange(metrics.MiaLoss.Accuracy, 0.3, 0.8);
        Assert.Equal("entropy", metrics.MiaEntropy!.Feature);
        Assert.Null(metrics.ActivationDistance);
        Assert.Null(metrics.Backdoor);
    }

    [Fact]
    public void Evaluate_TooFewForgetSamplesForFolds_LeavesMiaUnmeasured()
    {
        using var model = TinyTask.TrainedModel();

        var metrics = ModelEvaluator.Evaluate(model, new EvaluationSets { Forget = TinyTask.Train.Subset([1, 2, 3]), Test = TinyTask.Test });

        Assert.Equal(3, metrics.Forget!.SampleCount);
        Assert.Null(metrics.MiaLoss);
    }

    [Fact]
    public void Evaluate_Backdoor_CountsNonTargetSamplesPredictedAsTarget()
    {
        using var model = TinyTask.Model();
        var outputs = ModelEvaluator.Predict(model, TinyTask.Test);
        var predicted = FedUnlearn.Learning.Metrics.Logits.Predict(outputs.Logits, 4);
        var eligible = Enumerable.Range(0, outputs.Count).Where(i => outputs.Labels[i] != 2).ToList();

        var metrics = ModelEvaluator.Evaluate(model, new EvaluationSets { Backdoor = new BackdoorProbe(TinyTask.Test, 2) });

        Assert.Equal(180, metrics.Backdoor!.EligibleCount);
        Assert.Equal(eligible.Count(i => predicted[i] == 2), metrics.Backdoor.HitCount);
    }

    [Fact]
    public void Evaluate_Reference_ZeroDistanceToItselfAndPositiveToAnother()
    {
        using var model = TinyTask.TrainedModel();
        using var fresh = TinyTask.Model();
        var sets = new EvaluationSets { Test = TinyTask.Test };

        var self = ModelEvaluator.Evaluate(model, sets with { Reference = model });
        var other = ModelEvaluator.Evaluate(model, sets with { Reference = fresh });

        Assert.Equal((0.0, 0.0, 0.0), (self.ActivationDistance!.Value, self.JensenShannon!.Value, self.FeatureDistance!.Value));
        Assert.True(other.ActivationDistance > 0.1, $"activation distance {other.ActivationDistance}");
        Assert.True(other.JensenShannon > 0.01 && other.FeatureDistance > 0.01);
    }

    [Fact]
    public void Evaluate_ForgetClassOutOfRange_Throws()
    {
        using var model = TinyTask.Model();

        Assert.Throws<ArgumentOutOfRangeException>(() => ModelEvaluator.Evaluate(model, new EvaluationSets { ForgetClass = 4 }));
    }
}
