namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>How an <see cref="AmnesiacLedger"/> records batch updates.</summary>
public sealed record AmnesiacLedgerOptions
{
    /// <summary>Default byte bound: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>
    /// Fraction in (0, 1] of each adapter tensor's coordinates stored per batch, the largest changes by
    /// magnitude (round(p·n), at least one): 1 (default) stores the whole update (amnesiac unlearning,
    /// exact subtraction), less stores a pruned update (partial amnesiac unlearning, far less memory).
    /// </summary>
    public double TopFraction { get; init; } = 1;

    /// <summary>Bound on the stored bytes (updates and sample ids); default <see cref="DefaultMaxBytes"/>.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>What happens when the bound is reached (default <see cref="LedgerOverflow.EvictOldest"/>).</summary>
    public LedgerOverflow Overflow { get; init; } = LedgerOverflow.EvictOldest;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the setting and its valid range.</exception>
    public void Validate()
    {
        if (!(TopFraction > 0 && TopFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(TopFraction), TopFraction, "The stored fraction of each update must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1, nameof(MaxBytes));
        if (!Enum.IsDefined(Overflow)) throw new ArgumentOutOfRangeException(nameof(Overflow), Overflow, "Unknown overflow policy.");
    }
}
