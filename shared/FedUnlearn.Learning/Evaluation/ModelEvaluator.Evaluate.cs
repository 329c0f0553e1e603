using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Learning.Evaluation;

public static partial class ModelEvaluator
{
    /// <summary>
    /// Every verification figure <paramref name="sets"/> allows: accuracy on forget / retain / test (with
    /// per-class entries), membership inference on loss and entropy (members = forget set, non-members
    /// = test samples, of the forgotten class for class scope; skipped when either side has fewer
    /// samples than folds), the backdoor success rate, and distances to a reference model.
    /// </summary>
    /// <exception cref="ArgumentException">A set does not fit the model, or the reference model's classes differ.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between batches.</exception>
    public static EvaluationMetrics Evaluate(ClassifierModel model, EvaluationSets sets, EvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sets);
        options ??= EvaluationOptions.Default;
        options.Mia.Validate();
        if (sets.Reference is { } r && r.NumClasses != model.NumClasses)
            throw new ArgumentException($"The reference model has {r.NumClasses} classes; the evaluated model has {model.NumClasses}.", nameof(sets));
        if (sets.ForgetClass is { } c && (uint)c >= (uint)model.NumClasses)
            throw new ArgumentOutOfRangeException(nameof(sets), c, $"The forget class must be in 0..{model.NumClasses - 1}.");

        ModelOutputs? Run(Data.IDataset? data) =>
            data is null || data.Count == 0 ? null : Predict(model, data, false, options.BatchSize, cancellationToken);
        var forget = Run(sets.Forget);
        var test = Run(sets.Test);
        var metrics = new EvaluationMetrics
        {
            Forget = forget?.Report(),
            Retain = Run(sets.Retain)?.Report(),
            Test = test?.Report(),
            Backdoor = Backdoor(model, sets.Backdoor, options, cancellationToken),
        };
        if (options.MembershipInference && forget is not null && test is not null)
        {
            var nonMembers = sets.ForgetClass is { } label ? test.WhereLabel(l => l == label) : test;
            if (MembershipInference.HasEnoughSamples(forget.Count, nonMembers.Count, options.Mia))
            {
                metrics = metrics with
                {
                    MiaLoss = MembershipInference.Attack(forget.CrossEntropy(), nonMembers.CrossEntropy(), MembershipInference.LossFeature, options.Mia),
                    MiaEntropy = MembershipInference.Attack(forget.Entropy(), nonMembers.Entropy(), MembershipInference.EntropyFeature, options.Mia),
                };
            }
        }

        return sets.Reference is null ? metrics : WithDistances(metrics, model, sets, options, cancellationToken);
    }

    private static BackdoorResult? Backdoor(ClassifierModel model, BackdoorProbe? probe, EvaluationOptions options, CancellationToken cancellationToken)
    {
        if (probe is null || probe.Triggered.Count == 0) return null;
        if ((uint)probe.TargetClass >= (uint)model.NumClasses)
            throw new ArgumentOutOfRangeException(nameof(probe), probe.TargetClass, $"The backdoor target must be in 0..{model.NumClasses - 1}.");
        var outputs = Predict(model, probe.Triggered, false, options.BatchSize, cancellationToken);
        // Samples of the target class cannot show the trigger's effect; with none left the rate is undefined.
        return outputs.Labels.All(l => l == probe.TargetClass)
            ? null
            : BackdoorAttack.SuccessRateFromLogits(outputs.Logits, outputs.Labels, probe.TargetClass, model.NumClasses);
    }

    private static EvaluationMetrics WithDistances(EvaluationMetrics metrics, ClassifierModel model, EvaluationSets sets,
        EvaluationOptions options, CancellationToken cancellationToken)
    {
        var data = sets.DistanceSet ?? (sets.Forget is { Count: > 0 } ? sets.Forget : sets.Test);
        if (data is null || data.Count == 0) return metrics;
        var mine = Predict(model, data, true, options.BatchSize, cancellationToken);
        var theirs = Predict(sets.Reference!, data, true, options.BatchSize, cancellationToken);
        var (p, q) = (mine.Probabilities(), theirs.Probabilities());
        return metrics with
        {
            ActivationDistance = ModelDistance.Activation(p, q, model.NumClasses),
            JensenShannon = ModelDistance.JensenShannon(p, q, model.NumClasses),
            FeatureDistance = mine.FeatureDim == theirs.FeatureDim
                ? ModelDistance.Features(mine.Features, theirs.Features, mine.FeatureDim)
                : null,
        };
    }
}
