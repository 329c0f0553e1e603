namespace FedUnlearn.Learning.Unlearning.GradientAscent;

/// <summary>Options of <see cref="GradientAscentMethod"/>.</summary>
public sealed record GradientAscentOptions
{
    /// <summary>The default step bound: gradient ascent degrades the whole model if it runs long.</summary>
    public const int DefaultMaxSteps = 100;

    /// <summary>
    /// <c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>;
    /// <c>max-steps</c> defaults to <see cref="DefaultMaxSteps"/> here.
    /// </summary>
    public OptimizationOverrides Optimization { get; init; } = new() { MaxSteps = DefaultMaxSteps };

    /// <summary>
    /// <c>max-ce</c>: each sample's cross-entropy is capped at this value (nats), so samples already
    /// forgotten stop pushing; null (default) means 2·ln K, i.e. the true class's probability below 1/K².
    /// </summary>
    public double? MaxCrossEntropy { get; init; }

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static GradientAscentOptions Read(MethodOptions options)
    {
        var optimization = OptimizationOverrides.Read(options);
        var result = new GradientAscentOptions
        {
            Optimization = optimization with { MaxSteps = optimization.MaxSteps ?? DefaultMaxSteps },
            MaxCrossEntropy = options.Double("max-ce"),
        };
        if (result.MaxCrossEntropy is <= 0) throw options.Invalid("max-ce", result.MaxCrossEntropy, "must be positive");
        return result;
    }
}
