using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Federated.Internal;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Federated;

public sealed partial class LocalLearner
{
    /// <inheritdoc />
    /// <remarks>
    /// Forget set: this node's samples of <see cref="LocalEvaluateSettings.ForgetClass"/> (class scope),
    /// else its tombstoned samples; retain set: the live rest; test set and backdoor probe from the
    /// options. With <see cref="LocalEvaluateSettings.MaxSamples"/>, each set is a seeded subsample of at most that
    /// many samples. The node's model is left with the adapter it had before the call.
    /// </remarks>
    /// <exception cref="ArgumentException">The adapter does not fit the model, or the forget class is out of range.</exception>
    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(settings);
        return Exclusive(() => Evaluate(adapter, settings, cancellationToken), cancellationToken);
    }

    private EvaluationMetrics Evaluate(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(settings.MaxSamples, nameof(settings));
        var (forget, retain) = LocalSets.ForEvaluation(_data, _tombstones, _model.NumClasses, settings.ForgetClass);
        var (max, seed) = (settings.MaxSamples, settings.Seed);
        using var previous = AdapterSnapshot.Capture(_model);
        LoadAdapter(adapter);
        try
        {
            var sets = new EvaluationSets
            {
                // Forget and test also feed the membership-inference attack, which subsamples them again to equal sizes.
                Forget = EvaluationSubsample.Cap(forget, max, seed, 1),
                Retain = EvaluationSubsample.Cap(retain, max, seed, 2),
                Test = EvaluationSubsample.Cap(_options.TestData, max, seed, 3),
                ForgetClass = settings.ForgetClass,
                Backdoor = _options.Backdoor is { } probe ? probe with { Triggered = EvaluationSubsample.Cap(probe.Triggered, max, seed, 4)! } : null,
            };
            var options = new EvaluationOptions
            {
                BatchSize = _options.EvaluationBatchSize,
                MembershipInference = settings.MembershipInference,
                Mia = MiaOptions.Default with { Seed = unchecked((int)settings.Seed) },
            };
            return ModelEvaluator.Evaluate(_model, sets, options, cancellationToken);
        }
        finally
        {
            previous.Restore();
        }
    }
}
