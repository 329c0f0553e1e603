using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning.ShardedExact;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// The figures <see cref="ModelEvaluator.Evaluate"/> gives a single model, for a sharded ensemble whose
/// prediction is the mean of its shards' logits (<see cref="ShardedAdapterSet.Predict"/>).
/// </summary>
internal static class ShardedEvaluation
{
    public static EvaluationMetrics Evaluate(ShardedAdapterSet set, ClassifierModel workspace, EvaluationSets sets, CancellationToken cancellationToken)
    {
        ModelOutputs Run(IDataset data) => set.Predict(workspace, data, cancellationToken);
        var forget = Run(sets.Forget!);
        var test = Run(sets.Test!);
        var metrics = new EvaluationMetrics { Forget = forget.Report(), Retain = Run(sets.Retain!).Report(), Test = test.Report() };
        var nonMembers = sets.ForgetClass is { } label ? test.WhereLabel(l => l == label) : test;
        if (MembershipInference.HasEnoughSamples(forget.Count, nonMembers.Count))
        {
            metrics = metrics with
            {
                MiaLoss = MembershipInference.Attack(forget.CrossEntropy(), nonMembers.CrossEntropy(), MembershipInference.LossFeature),
                MiaEntropy = MembershipInference.Attack(forget.Entropy(), nonMembers.Entropy(), MembershipInference.EntropyFeature),
            };
        }

        if (sets.Backdoor is { } probe)
        {
            var triggered = Run(probe.Triggered);
            metrics = metrics with { Backdoor = BackdoorAttack.SuccessRateFromLogits(triggered.Logits, triggered.Labels, probe.TargetClass, triggered.ClassCount) };
        }

        if (sets.Reference is { } reference)
        {
            var theirs = ModelEvaluator.Predict(reference, sets.Forget!, cancellationToken: cancellationToken);
            var (p, q) = (forget.Probabilities(), theirs.Probabilities());
            metrics = metrics with
            {
                ActivationDistance = ModelDistance.Activation(p, q, forget.ClassCount),
                JensenShannon = ModelDistance.JensenShannon(p, q, forget.ClassCount),
            };
        }

        return metrics;
    }
}
