namespace FedUnlearn.Torch.Optim.Schedulers;

/// <summary>
/// Cosine annealing from the base rate down to <see cref="EtaMin"/> over <see cref="TMax"/> epochs,
/// then back up (period 2·T_max), as PyTorch's <c>CosineAnnealingLR</c> (without restarts).
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule and sets epoch 0's rate (the base rate).</summary>
    public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(T_max, 1);
        if (!(eta_min >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eta_min), eta_min, "eta_min must be >= 0.");
        }

        TMax = T_max;
        EtaMin = eta_min;
        InitialStep();
    }

    /// <summary>Epochs from the base rate to the minimum.</summary>
    public int TMax { get; }

    /// <summary>The minimum learning rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    protected override double NextLearningRate(double current, double baseLr)
    {
        var e = last_epoch;
        if (e == 0)
        {
            return current;
        }

        if ((e - 1 - TMax) % (2 * TMax) == 0)
        {
            return current + ((baseLr - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2);
        }

        return ((1 + Math.Cos(Math.PI * e / TMax)) / (1 + Math.Cos(Math.PI * (e - 1) / TMax)) * (current - EtaMin)) + EtaMin;
    }
}
