using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;

namespace FedUnlearn.Learning.Unlearning.NablaTau;

/// <summary>
/// <c>nabla-tau</c> — ∇τ (Trippa et al., arXiv 2403.14339). Each step draws a retain batch (the loop's
/// epochs are passes over the retained data) and a forget batch (cycling through the forget set) and
/// minimises <c>a·ReLU(τ − CE(forget))² + (1 − a)·CE(retain)</c>: the forget loss is pushed up to τ, the
/// mean loss on held-out data (recomputed before each epoch), where forgotten samples look like unseen
/// ones, and no further (for a class request τ = 2·ln K, see <see cref="NablaTauOptions.ClassScopeTau"/>). <c>a</c> starts at min(1, (5/3)·|Df|/|D|) with |D| = |Df| + |Dr| and decays
/// linearly to 0 over the run. A retain-only node runs with a = 0 (cross-entropy on its retained data).
/// With <c>retain-loss=distill</c> (the default for a samples request, <see cref="NablaTauOptions.DefaultRetainLoss"/>)
/// the descent term is KL to the delivered model's predictions on the retained samples instead
/// (<see cref="NablaTauRetainLoss.Distill"/>); a retain-only node still fits its labels.
/// </summary>
public sealed class NablaTauMethod(NablaTauOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "nabla-tau";

    /// <summary>The method's options.</summary>
    public NablaTauOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements =>
        UnlearningRequirements.RetainData | (Options.Tau is null ? UnlearningRequirements.HeldOutData : UnlearningRequirements.None);

    /// <summary>The starting forget weight for a forget set of <paramref name="forgetCount"/> out of <paramref name="totalCount"/> samples.</summary>
    public static double InitialAlpha(int forgetCount, int totalCount) =>
        totalCount == 0 ? 0 : Math.Min(1, NablaTauOptions.DefaultAlphaFactor * forgetCount / totalCount);

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var training = Options.Optimization.ApplyTo(context.Training);
        var a0 = context.RetainOnly ? 0 : Options.InitialAlpha ?? InitialAlpha(context.ForgetCount, context.ForgetCount + context.Retain.Count);
        var forget = context.RetainOnly ? null : ForgetStream.Create(context, training);
        var fixedTau = Options.Tau ?? (context.ForgetClass is null ? null : NablaTauOptions.ClassScopeTau(context.Model.NumClasses));
        // Distillation guards the retained predictions against the forget term; a retain-only node has none, and
        // distilling a model into itself would teach nothing, so it trains on its labels as the paper's retain side.
        var retainTerm = context.RetainOnly ? NablaTauRetainLoss.CrossEntropy : Options.RetainLossFor(context.ForgetClass);
        var teacher = retainTerm == NablaTauRetainLoss.Distill ? Teacher(context, cancellationToken) : null;
        var objective = new NablaTauObjective(a0, fixedTau, context.HeldOut, forget, teacher);
        var result = new TrainingLoop(context.Model, training, context.Hooks)
            .Run(context.Retain, objective, context.Tombstones, context.Progress, cancellationToken);
        var metrics = TrainingReport.Metrics(result, "step");
        metrics["a0"] = a0;
        metrics["retain_distill"] = retainTerm == NablaTauRetainLoss.Distill ? 1 : 0;
        if (objective.Tau is { } tau) metrics["tau"] = tau;
        if (objective.MeanForgetLoss is { } forgetLoss) metrics["forget_loss"] = forgetLoss;
        if (objective.MeanRetainLoss is { } retainLoss) metrics["retain_loss"] = retainLoss;
        return new UnlearningReport(result.SampleCount + context.ForgetCount, result.Steps, metrics);
    }

    /// <summary>A logit whose probability is 0 in float32 (e^-1e4 underflows) while KL's terms stay finite.</summary>
    private const float ExcludedLogit = -1e4f;

    /// <summary>The delivered model's logits on the retained samples: the distillation teacher, computed once.</summary>
    private static FeatureTable Teacher(UnlearningContext context, CancellationToken cancellationToken)
    {
        var outputs = ModelEvaluator.Predict(context.Model, context.Retain, cancellationToken: cancellationToken);
        var logits = outputs.Logits;
        if (context.ForgetClass is { } forgotten)
        {
            // A class request: the teacher's predictions among the classes the model keeps (its mass on the class moved
            // to the others in proportion), so distillation does not teach the class back on retained inputs.
            for (var row = 0; row < outputs.Count; row++) logits[(row * outputs.ClassCount) + forgotten] = ExcludedLogit;
        }

        return new FeatureTable(outputs.Ids, logits, outputs.ClassCount);
    }
}
