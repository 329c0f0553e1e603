namespace FedUnlearn.Learning.Unlearning.NablaTau;

/// <summary>Options of <see cref="NablaTauMethod"/>.</summary>
public sealed record NablaTauOptions
{
    /// <summary>The paper's factor: a starts at (5/3)·|Df|/|D|.</summary>
    public const double DefaultAlphaFactor = 5.0 / 3.0;

    /// <summary><c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.</summary>
    public OptimizationOverrides Optimization { get; init; } = new();

    /// <summary><c>a0</c>: the starting forget weight in (0, 1]; null (default) means min(1, (5/3)·|Df|/|D|).</summary>
    public double? InitialAlpha { get; init; }

    /// <summary>
    /// <c>tau</c>: a fixed threshold τ (nats). Null (default): for a samples request τ is recomputed each
    /// epoch as the mean held-out loss (forgotten samples should look unseen); for a class request it is
    /// <see cref="ClassScopeTau"/>, since no held-out data shows how an unseen class looks.
    /// </summary>
    public double? Tau { get; init; }

    /// <summary><c>retain-loss</c>: <c>ce</c> (default) or <c>distill</c>; see <see cref="NablaTauRetainLoss"/>.</summary>
    public NablaTauRetainLoss RetainLoss { get; init; } = NablaTauRetainLoss.CrossEntropy;

    /// <summary>
    /// The default τ of a class request: 2·ln K nats, i.e. a geometric-mean probability of 1/K² for the
    /// true class, the level of a class the model never saw (retraining gives it almost no mass), well
    /// past ln K (a uniform guess, which still leaves samples near the decision boundary). The held-out
    /// loss (≈ 0.3–0.5 nats on Fashion-MNIST) would stop the ascent while most of the class is still
    /// recognised: in the federated benchmark it left 56% of a forgotten class, ln K 10%, 2·ln K 0.3%.
    /// </summary>
    public static double ClassScopeTau(int classCount) => 2 * Math.Log(Math.Max(2, classCount));

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static NablaTauOptions Read(MethodOptions options)
    {
        var retainLoss = options.String("retain-loss");
        var result = new NablaTauOptions
        {
            RetainLoss = retainLoss?.Trim().ToLowerInvariant() switch
            {
                null or "ce" => NablaTauRetainLoss.CrossEntropy,
                "distill" => NablaTauRetainLoss.Distill,
                _ => throw options.Invalid("retain-loss", retainLoss, "must be ce or distill"),
            },
            Optimization = OptimizationOverrides.Read(options),
            InitialAlpha = options.Double("a0"),
            Tau = options.Double("tau"),
        };
        if (result.InitialAlpha is <= 0 or > 1) throw options.Invalid("a0", result.InitialAlpha, "must be in (0, 1]");
        if (result.Tau is <= 0) throw options.Invalid("tau", result.Tau, "must be positive");
        return result;
    }
}
