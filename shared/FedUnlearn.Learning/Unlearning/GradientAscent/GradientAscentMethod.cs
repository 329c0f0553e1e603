using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;

namespace FedUnlearn.Learning.Unlearning.GradientAscent;

/// <summary>
/// <c>gradient-ascent</c>: maximise the cross-entropy of the forget set (∇τ with a = 1 and no τ). It is
/// kept bounded two ways: each sample's loss is capped at <see cref="GradientAscentOptions.MaxCrossEntropy"/>
/// (a batch whose samples are all past the cap is skipped), and the run stops after
/// <c>max-steps</c>. Needs no retained data, so it also serves a node whose whole data is forgotten.
/// A retain-only node has nothing to do and returns the adapter unchanged.
/// </summary>
public sealed class GradientAscentMethod(GradientAscentOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "gradient-ascent";

    /// <summary>The method's options.</summary>
    public GradientAscentOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.None;

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RetainOnly)
            return new UnlearningReport(context.Retain.Count, 0, new Dictionary<string, double> { ["steps"] = 0, ["skipped"] = 1 });

        var cap = Options.MaxCrossEntropy ?? 2 * Math.Log(context.Model.NumClasses);
        var objective = new GradientAscentObjective(cap);
        var training = Options.Optimization.ApplyTo(context.Training);
        // No tombstones here: the forget samples are tombstoned, and they are the data of this loop.
        var result = new TrainingLoop(context.Model, training, context.Hooks)
            .Run(context.Forget!, objective, tombstones: null, context.Progress, cancellationToken);
        var metrics = TrainingReport.Metrics(result, "forget");
        metrics["max_ce"] = cap;
        metrics["skipped_steps"] = objective.Skipped;
        if (result.Loss is { } loss) metrics["forget_loss"] = -loss;
        return new UnlearningReport(result.SampleCount, result.Steps, metrics);
    }
}
