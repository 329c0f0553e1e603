using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>
/// The options every optimisation-based method accepts to override the task's training settings:
/// <c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.
/// A null member keeps the task's value.
/// </summary>
public sealed record OptimizationOverrides
{
    /// <summary>Passes over the method's primary data.</summary>
    public int? Epochs { get; init; }

    /// <summary>Learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Samples per batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Weight decay.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Gradient clip norm.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Upper bound on optimisation steps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Reads and range-checks the six options.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range; the message names the option.</exception>
    public static OptimizationOverrides Read(MethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new OptimizationOverrides
        {
            Epochs = options.Int32("epochs"),
            LearningRate = options.Double("lr"),
            BatchSize = options.Int32("batch-size"),
            WeightDecay = options.Double("weight-decay"),
            ClipNorm = options.Double("clip-norm"),
            MaxSteps = options.Int32("max-steps"),
        };
        if (result.Epochs is < 1) throw options.Invalid("epochs", result.Epochs, "must be at least 1");
        if (result.LearningRate is <= 0) throw options.Invalid("lr", result.LearningRate, "must be positive");
        if (result.BatchSize is < 1) throw options.Invalid("batch-size", result.BatchSize, "must be at least 1");
        if (result.WeightDecay is < 0) throw options.Invalid("weight-decay", result.WeightDecay, "must be >= 0");
        if (result.ClipNorm is <= 0) throw options.Invalid("clip-norm", result.ClipNorm, "must be positive");
        if (result.MaxSteps is < 1) throw options.Invalid("max-steps", result.MaxSteps, "must be at least 1");
        return result;
    }

    /// <summary>The task's settings with these overrides applied.</summary>
    public TrainingOptions ApplyTo(TrainingOptions training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training with
        {
            Epochs = Epochs ?? training.Epochs,
            LearningRate = LearningRate ?? training.LearningRate,
            BatchSize = BatchSize ?? training.BatchSize,
            WeightDecay = WeightDecay ?? training.WeightDecay,
            ClipNorm = ClipNorm ?? training.ClipNorm,
            MaxSteps = MaxSteps ?? training.MaxSteps,
        };
    }
}
