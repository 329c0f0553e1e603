namespace FedUnlearn.Learning.Unlearning.Rfa;

/// <summary>Options of <see cref="RfaMethod"/>.</summary>
public sealed record RfaOptions
{
    /// <summary>Default passes over the retained data: residual alignment converges in about one epoch.</summary>
    public const int DefaultEpochs = 1;

    /// <summary>
    /// <c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>;
    /// <c>epochs</c> defaults to <see cref="DefaultEpochs"/> here rather than to the task's value.
    /// </summary>
    public OptimizationOverrides Optimization { get; init; } = new() { Epochs = DefaultEpochs };

    /// <summary>Default λ of a samples request: a small shift, so forgotten samples end up looking unseen, not misclassified.</summary>
    public const double SampleScopeLambda = 0.1;

    /// <summary>Default λ of a class request: the class's features must travel all the way to other classes.</summary>
    public const double ClassScopeLambda = 1;

    /// <summary>
    /// <c>lambda</c>: weight λ of the forget loss in <c>L = L_retain + λ·L_forget</c>. Null (default): by the request's
    /// scope, <see cref="DefaultLambda"/>.
    /// </summary>
    public double? Lambda { get; init; }

    /// <summary>
    /// The default λ of a request: <see cref="SampleScopeLambda"/> (0.1) for samples, <see cref="ClassScopeLambda"/> (1)
    /// for a class. Retraining classifies honest forgotten samples about as well as unseen ones, so moving them into
    /// another class over-forgets, which is itself a membership signal. Default simulation, 10% of client 0 (retrain's
    /// forget accuracy 87.9%): λ 1 left 79.2%, λ 0.1 88.3%; unlearn-central S1 uses 0.1 too. A class must be moved
    /// out entirely, which λ 1 does in one epoch.
    /// </summary>
    /// <param name="forgetClass">The forgotten class of a class request; null for a samples request.</param>
    public static double DefaultLambda(int? forgetClass) => forgetClass is null ? SampleScopeLambda : ClassScopeLambda;

    /// <summary>The λ a request runs with: <see cref="Lambda"/> if given, else <see cref="DefaultLambda"/>.</summary>
    /// <param name="forgetClass">The forgotten class of a class request; null for a samples request.</param>
    public double LambdaFor(int? forgetClass) => Lambda ?? DefaultLambda(forgetClass);

    /// <summary><c>target</c>: <c>other-class-mean</c> (default), <c>random</c> or <c>uniform-kl</c>.</summary>
    public RfaTarget Target { get; init; } = RfaTarget.OtherClassMean;

    /// <summary>
    /// <c>retain-ce</c>: weight of cross-entropy on retained batches added to the retain loss (default 0:
    /// feature alignment alone). A retain-only node with weight 0 has nothing to do and keeps the adapter.
    /// </summary>
    public double RetainCrossEntropy { get; init; }

    /// <summary><c>target-seed</c>: seed of the <c>random</c> target's directions (default 0), the same on every client.</summary>
    public long TargetSeed { get; init; }

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static RfaOptions Read(MethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var optimization = OptimizationOverrides.Read(options);
        var target = options.String("target");
        var result = new RfaOptions
        {
            Optimization = optimization with { Epochs = optimization.Epochs ?? DefaultEpochs },
            Lambda = options.Double("lambda"),
            Target = target is null ? RfaTarget.OtherClassMean : ParseTarget(target) ?? throw options.Invalid("target", target, "must be other-class-mean, random or uniform-kl"),
            RetainCrossEntropy = options.Double("retain-ce") ?? 0,
            TargetSeed = options.Int64("target-seed") ?? 0,
        };
        if (result.Lambda is <= 0) throw options.Invalid("lambda", result.Lambda, "must be positive");
        if (result.RetainCrossEntropy < 0) throw options.Invalid("retain-ce", result.RetainCrossEntropy, "must be >= 0");
        return result;
    }

    /// <summary>The option text of a target, e.g. <c>other-class-mean</c>.</summary>
    public static string TargetName(RfaTarget target) => target switch
    {
        RfaTarget.OtherClassMean => "other-class-mean",
        RfaTarget.Random => "random",
        RfaTarget.UniformKl => "uniform-kl",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown RFA target."),
    };

    private static RfaTarget? ParseTarget(string text) => text.Trim().ToLowerInvariant() switch
    {
        "other-class-mean" => RfaTarget.OtherClassMean,
        "random" => RfaTarget.Random,
        "uniform-kl" => RfaTarget.UniformKl,
        _ => null,
    };
}
