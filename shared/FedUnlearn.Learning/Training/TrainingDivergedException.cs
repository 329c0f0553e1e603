namespace FedUnlearn.Learning.Training;

/// <summary>
/// A run produced a NaN or infinite loss, gradient norm or parameter and was stopped. The trainable
/// parameters were restored to their values before the run, so the model is unchanged.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a non-finite <paramref name="quantity"/> at a step.</summary>
    public TrainingDivergedException(string quantity, double value, int epoch, int step, double learningRate)
        : base($"Training diverged at epoch {epoch}, step {step}: the {quantity} is {value}. "
            + $"The adapter was restored to its state before the run. Lower the learning rate (now {learningRate:G4}) or set a gradient clip norm.")
    {
        Quantity = quantity;
        Value = value;
        Epoch = epoch;
        Step = step;
        LearningRate = learningRate;
    }

    /// <summary>What was not finite: <c>loss</c>, <c>gradient norm</c> or <c>parameter</c>.</summary>
    public string Quantity { get; }

    /// <summary>The offending value (NaN or ±∞).</summary>
    public double Value { get; }

    /// <summary>The epoch (0-based) of the failing step.</summary>
    public int Epoch { get; }

    /// <summary>The step (0-based) that failed.</summary>
    public int Step { get; }

    /// <summary>The learning rate at that step.</summary>
    public double LearningRate { get; }
}
