namespace FedUnlearn.Learning.Unlearning.LabelFlip;

/// <summary>Options of <see cref="LabelFlipMethod"/>.</summary>
public sealed record LabelFlipOptions
{
    /// <summary><c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.</summary>
    public OptimizationOverrides Optimization { get; init; } = new();

    /// <summary><c>forget-weight</c>: the weight λ of the flipped-label loss (default 1).</summary>
    public double ForgetWeight { get; init; } = 1;

    /// <summary><c>flip-seed</c>: the seed of the wrong labels (default 0); each sample keeps its wrong label for the whole run.</summary>
    public long FlipSeed { get; init; }

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static LabelFlipOptions Read(MethodOptions options)
    {
        var result = new LabelFlipOptions
        {
            Optimization = OptimizationOverrides.Read(options),
            ForgetWeight = options.Double("forget-weight") ?? 1,
            FlipSeed = options.Int64("flip-seed") ?? 0,
        };
        if (result.ForgetWeight <= 0) throw options.Invalid("forget-weight", result.ForgetWeight, "must be positive");
        return result;
    }
}
