using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;
using FedUnlearn.Learning.Unlearning.Rfa.Internal;

namespace FedUnlearn.Learning.Unlearning.Rfa;

/// <summary>
/// <c>rfa</c> — residual feature alignment (after Qin et al., arXiv 2411.08443), in the variant that
/// keeps the adapter's shape: the model as it arrives (base + current adapter) is the frozen teacher,
/// and the same adapter, starting from its current values, is the student. The residual is the
/// difference between student and teacher penultimate features. Each step minimises
/// <c>L = ‖residual(x_r)‖²/s² [+ w·CE(x_r)] + λ·L_forget(x_f)</c>: the residual is pushed to zero on a
/// retained batch and, on a forget batch, shifts the features to a target (see <see cref="RfaTarget"/>).
/// Only the adapters before the head train: the head is the teacher's classifier and stays as it came.
/// The teacher's features are computed once before training (memory n × feature width floats), so no
/// second model is needed. Epochs are passes over the retained data (default one); forget batches
/// cycle alongside. See <c>Rfa/README.md</c> for the variant and its knobs.
/// </summary>
public sealed class RfaMethod(RfaOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "rfa";

    /// <summary>The method's options.</summary>
    public RfaOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.RetainData;

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RetainOnly && Options.RetainCrossEntropy == 0)
        {
            // The student starts equal to the teacher: a zero residual has nothing to teach (and Adam would
            // turn round-off gradients into full-size steps), so the adapter is returned as it came.
            return new UnlearningReport(context.Retain.Count, 0, new Dictionary<string, double> { ["steps"] = 0, ["skipped"] = 1 });
        }

        var training = Options.Optimization.ApplyTo(context.Training);
        var retain = ModelEvaluator.Predict(context.Model, context.Retain, includeFeatures: true, cancellationToken: cancellationToken);
        var teacher = new FeatureTable(retain.Ids, retain.Features!, retain.FeatureDim);
        var scale = MeanSquare(retain.Features!);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["feature_scale"] = scale };
        FeatureTable? targets = null;
        BatchStream? forget = null;
        if (!context.RetainOnly)
        {
            var forgetOutputs = ModelEvaluator.Predict(context.Model, context.Forget!, includeFeatures: true, cancellationToken: cancellationToken);
            targets = Targets(retain, forgetOutputs, scale, metrics);
            forget = ForgetStream.Create(context, training);
        }

        var lambda = Options.LambdaFor(context.ForgetClass);
        metrics["lambda"] = lambda;
        var objective = new RfaObjective(teacher, targets, forget, scale, lambda, Options.RetainCrossEntropy);
        TrainingResult result;
        using (HeadFreeze.Freeze(context.Model))
        {
            result = new TrainingLoop(context.Model, training, context.Hooks)
                .Run(context.Retain, objective, context.Tombstones, context.Progress, cancellationToken);
        }

        foreach (var (key, value) in TrainingReport.Metrics(result, "step")) metrics[key] = value;
        if (objective.MeanResidual is { } residual) metrics["retain_residual"] = residual;
        if (objective.MeanForgetLoss is { } forgetLoss) metrics["forget_loss"] = forgetLoss;
        return new UnlearningReport(result.SampleCount + context.ForgetCount, result.Steps, metrics);
    }

    private FeatureTable? Targets(ModelOutputs retain, ModelOutputs forget, double scale, Dictionary<string, double> metrics)
    {
        float[] values;
        switch (Options.Target)
        {
            case RfaTarget.UniformKl:
                return null;
            case RfaTarget.Random:
                values = ForgetTargets.RandomShift(forget, Math.Sqrt(scale * retain.FeatureDim), Options.TargetSeed);
                break;
            default:
                (values, var perClass) = ForgetTargets.OtherClassMean(retain, forget);
                for (var c = 0; c < perClass.Length; c++)
                {
                    if (perClass[c] > 0) metrics[$"target_class_{c}"] = perClass[c];
                }

                break;
        }

        // How far the forget features must travel, in the loss's units: the forget loss at step 0.
        double distance = 0;
        for (var i = 0; i < values.Length; i++) distance += Square(values[i] - forget.Features![i]);
        metrics["forget_loss_initial"] = distance / values.Length / scale;
        return new FeatureTable(forget.Ids, values, forget.FeatureDim);
    }

    /// <summary>Mean squared teacher feature value (1 when the features are all zero, so the loss stays defined).</summary>
    private static double MeanSquare(float[] features)
    {
        double sum = 0;
        foreach (var v in features) sum += (double)v * v;
        var mean = features.Length == 0 ? 0 : sum / features.Length;
        return mean > 0 ? mean : 1;
    }

    private static double Square(double x) => x * x;
}
