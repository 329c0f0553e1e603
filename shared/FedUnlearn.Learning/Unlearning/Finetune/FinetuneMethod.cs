using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Learning.Unlearning.Internal;

namespace FedUnlearn.Learning.Unlearning.Finetune;

/// <summary>
/// <c>finetune</c>: keep training the current adapter with cross-entropy on retained data only, so that
/// what the forget set taught fades as the adapter adapts to the rest (catastrophic forgetting as a
/// baseline). Retain-only nodes do the same.
/// </summary>
public sealed class FinetuneMethod(FinetuneOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "finetune";

    /// <summary>The method's options.</summary>
    public FinetuneOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.RetainData;

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var training = Options.Optimization.ApplyTo(context.Training);
        var result = new TrainingLoop(context.Model, training, context.Hooks)
            .Run(context.Retain, new CrossEntropyObjective(), context.Tombstones, context.Progress, cancellationToken);
        return new UnlearningReport(result.SampleCount, result.Steps, TrainingReport.Metrics(result, "retain"));
    }
}
