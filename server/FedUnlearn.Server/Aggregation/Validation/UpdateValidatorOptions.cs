namespace FedUnlearn.Server.Aggregation.Validation;

/// <summary>Limits every client update must respect before it counts.</summary>
public sealed class UpdateValidatorOptions
{
    /// <summary>The largest sample count a client may claim (its FedAvg weight). Default 100 million.</summary>
    public long MaxSampleCount { get; set; } = 100_000_000;

    /// <summary>
    /// Hard bound on the L2 norm of an update's delta over all tensors; above it the update is
    /// rejected. Null (the default) for no bound. To scale large updates down instead, wrap the
    /// strategy with a norm bound (<c>WithNormBound</c>).
    /// </summary>
    public double? MaxDeltaNorm { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        if (MaxSampleCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxSampleCount), MaxSampleCount, "The maximum sample count must be positive.");
        if (MaxDeltaNorm is { } n && !(n > 0 && double.IsFinite(n)))
            throw new ArgumentOutOfRangeException(nameof(MaxDeltaNorm), n, "The delta norm bound must be positive and finite.");
    }
}
