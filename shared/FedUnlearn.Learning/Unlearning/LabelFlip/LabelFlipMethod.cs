using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;

namespace FedUnlearn.Learning.Unlearning.LabelFlip;

/// <summary>
/// <c>label-flip</c>: each step minimises <c>CE(retain batch) + λ·CE(forget batch, wrong labels)</c>.
/// Every forget sample gets one wrong label for the whole run, drawn uniformly from the other K − 1
/// classes by a hash of its id and <see cref="LabelFlipOptions.FlipSeed"/> (so the labels do not depend
/// on batch order or on which client runs it). Epochs are passes over the retained data; forget batches
/// cycle alongside. A retain-only node trains with cross-entropy on its retained data.
/// </summary>
public sealed class LabelFlipMethod(LabelFlipOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "label-flip";

    /// <summary>The method's options.</summary>
    public LabelFlipOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.RetainData;

    /// <summary>The wrong label given to the sample <paramref name="id"/> of class <paramref name="label"/> among <paramref name="classCount"/> classes.</summary>
    public static long FlippedLabel(long id, long label, int classCount, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        return (label + 1 + FlipOffset(id, classCount, seed)) % classCount;
    }

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Model.NumClasses < 2)
            throw new ArgumentException("Label flipping needs at least two classes.", nameof(context));
        var training = Options.Optimization.ApplyTo(context.Training);
        var forget = context.RetainOnly ? null : ForgetStream.Create(context, training);
        var objective = new LabelFlipObjective(forget, Options.ForgetWeight, Options.FlipSeed);
        var result = new TrainingLoop(context.Model, training, context.Hooks)
            .Run(context.Retain, objective, context.Tombstones, context.Progress, cancellationToken);
        var metrics = TrainingReport.Metrics(result, "step");
        if (objective.MeanForgetLoss is { } forgetLoss) metrics["flipped_forget_loss"] = forgetLoss;
        return new UnlearningReport(result.SampleCount + context.ForgetCount, result.Steps, metrics);
    }

    /// <summary>An offset in [0, K − 2] from a SplitMix64 hash of the id and seed.</summary>
    internal static long FlipOffset(long id, int classCount, long seed)
    {
        var z = unchecked((ulong)id * 0x9E3779B97F4A7C15UL + (ulong)seed);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (long)(z % (ulong)(classCount - 1));
    }
}
