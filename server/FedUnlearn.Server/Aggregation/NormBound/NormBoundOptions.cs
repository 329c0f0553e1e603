namespace FedUnlearn.Server.Aggregation.NormBound;

/// <summary>Options of the norm bound decorator.</summary>
public sealed class NormBoundOptions
{
    /// <summary>The bound on the L2 norm of an update's delta, over all its tensors. Required.</summary>
    public double Bound { get; set; }

    /// <summary>Clip to the bound (default) or reject above it.</summary>
    public NormBoundMode Mode { get; set; } = NormBoundMode.Clip;

    /// <summary>
    /// In <see cref="NormBoundMode.Clip"/> mode, an optional hard bound above which an update is
    /// rejected instead of clipped (a wildly large update is more likely an attack than a signal).
    /// Must be at least <see cref="Bound"/>.
    /// </summary>
    public double? RejectAbove { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or the hard bound is below the clip bound.</exception>
    public void Validate()
    {
        if (!(Bound > 0 && double.IsFinite(Bound)))
            throw new ArgumentOutOfRangeException(nameof(Bound), Bound, "The norm bound must be positive and finite.");
        if (RejectAbove is { } hard && !(hard >= Bound && double.IsFinite(hard)))
            throw new ArgumentOutOfRangeException(nameof(RejectAbove), hard, $"The hard bound must be finite and at least the clip bound {Bound}.");
        if (!Enum.IsDefined(Mode))
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Unknown norm bound mode.");
    }
}
