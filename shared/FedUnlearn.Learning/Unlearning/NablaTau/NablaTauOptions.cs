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

    /// <summary>
    /// The default τ of a class request: ln K, the loss of a uniform guess over K classes. A forgotten
    /// class's samples are pushed until the model knows no more of them than of a class it never saw
    /// (a retrained model's loss on them is higher still); the held-out loss (≈ 0.3–0.5 nats on
    /// Fashion-MNIST) would stop the ascent while most of the class is still recognised.
    /// </summary>
    public static double ClassScopeTau(int classCount) => Math.Log(Math.Max(2, classCount));

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static NablaTauOptions Read(MethodOptions options)
    {
        var result = new NablaTauOptions
        {
            Optimization = OptimizationOverrides.Read(options),
            InitialAlpha = options.Double("a0"),
            Tau = options.Double("tau"),
        };
        if (result.InitialAlpha is <= 0 or > 1) throw options.Invalid("a0", result.InitialAlpha, "must be in (0, 1]");
        if (result.Tau is <= 0) throw options.Invalid("tau", result.Tau, "must be positive");
        return result;
    }
}
