namespace FedUnlearn.Torch.Optim.Schedulers;

/// <summary>
/// Scales the base rate by a factor moving linearly from <see cref="StartFactor"/> to
/// <see cref="EndFactor"/> over <see cref="TotalIters"/> epochs, then holds it (PyTorch's
/// <c>LinearLR</c>): a warm-up with start &lt; end, a decay with start &gt; end.
/// </summary>
public sealed class LinearLR : LRScheduler
{
    /// <summary>Creates the schedule and sets epoch 0's rate (base · start_factor).</summary>
    public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5)
        : base(optimizer)
    {
        if (!(start_factor > 0 && start_factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(start_factor), start_factor, "start_factor must be in (0, 1].");
        }

        if (!(end_factor >= 0 && end_factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(end_factor), end_factor, "end_factor must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(total_iters, 1);
        StartFactor = start_factor;
        EndFactor = end_factor;
        TotalIters = total_iters;
        InitialStep();
    }

    /// <summary>Factor at epoch 0.</summary>
    public double StartFactor { get; }

    /// <summary>Factor from epoch <see cref="TotalIters"/> on.</summary>
    public double EndFactor { get; }

    /// <summary>Epochs over which the factor moves.</summary>
    public int TotalIters { get; }

    /// <inheritdoc />
    protected override double NextLearningRate(double current, double baseLr)
    {
        if (last_epoch == 0)
        {
            return current * StartFactor;
        }

        if (last_epoch > TotalIters)
        {
            return current;
        }

        var delta = EndFactor - StartFactor;
        return current * (1.0 + (delta / ((TotalIters * StartFactor) + ((last_epoch - 1) * delta))));
    }
}
