using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Learning.Unlearning.Internal;

namespace FedUnlearn.Learning.Unlearning.Retrain;

/// <summary>
/// <c>retrain</c>: the gold standard. The adapter is re-initialised as a fresh one (B = 0, A drawn from
/// <see cref="RetrainOptions.InitSeed"/> by <see cref="AdapterInitializer"/>, identical on every client)
/// and trained with cross-entropy on retained data only. With the same seed and settings the result is
/// bit-identical to training a fresh adapter on data that never held the forgotten samples.
/// </summary>
public sealed class RetrainMethod(RetrainOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "retrain";

    /// <summary>The method's options.</summary>
    public RetrainOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.RetainData;

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Options.Reset) AdapterInitializer.Reset(context.Model, Options.InitSeed);
        var training = Options.Optimization.ApplyTo(context.Training);
        var result = new TrainingLoop(context.Model, training, context.Hooks)
            .Run(context.Retain, new CrossEntropyObjective(), context.Tombstones, context.Progress, cancellationToken);
        return new UnlearningReport(result.SampleCount, result.Steps, TrainingReport.Metrics(result, "retain"));
    }
}
