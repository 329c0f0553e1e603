namespace FedUnlearn.Server.Aggregation.Robust;

/// <summary>Options of <see cref="TrimmedMeanStrategy"/>.</summary>
public sealed class TrimmedMeanOptions : StrategyOptions
{
    /// <summary>
    /// β: the fraction of updates dropped at each end of every coordinate, in [0, 0.5). With n
    /// updates, ⌊β·n⌋ smallest and ⌊β·n⌋ largest values are dropped. Default 0.1.
    /// </summary>
    public double Beta { get; set; } = 0.1;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(Beta >= 0 && Beta < 0.5))
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "The trimmed fraction per side must be in [0, 0.5).");
    }
}
