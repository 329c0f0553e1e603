namespace FedUnlearn.Torch.Optim.Schedulers;

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule and sets epoch 0's rate (the groups' current rates).</summary>
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step_size, 1);
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be > 0.");
        }

        StepSize = step_size;
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double NextLearningRate(double current, double baseLr) =>
        last_epoch == 0 || last_epoch % StepSize != 0 ? current : current * Gamma;
}
