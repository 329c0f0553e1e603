namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>How an <see cref="AmnesiacJournal"/> records a federated client's training and how much it keeps.</summary>
public sealed record AmnesiacJournalOptions
{
    /// <summary>Default number of training rounds kept: 50.</summary>
    public const int DefaultMaxRounds = 50;

    /// <summary>Default bound on the bytes of all kept rounds together: 128 MiB.</summary>
    public const long DefaultMaxBytes = 128L << 20;

    /// <summary>
    /// Fraction in (0, 1] of each adapter tensor's coordinates stored per batch (largest changes first):
    /// 1 (default) stores whole updates (exact subtraction), less stores pruned ones (partial amnesiac).
    /// A task may subtract a smaller fraction (option <c>top-p</c>), never a larger one.
    /// </summary>
    public double TopFraction { get; init; } = 1;

    /// <summary>Training rounds kept; the oldest round is evicted when a newer one would exceed it. Default <see cref="DefaultMaxRounds"/>.</summary>
    public int MaxRounds { get; init; } = DefaultMaxRounds;

    /// <summary>
    /// Bound on the stored bytes of all kept rounds (updates and sample ids, as <see cref="AmnesiacLedger.StoredBytes"/> counts
    /// them); the oldest rounds are evicted to stay within it, and one round larger than it keeps only its latest batches.
    /// Default <see cref="DefaultMaxBytes"/>. The journal holds the kept rounds in memory too.
    /// </summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the setting and its valid range.</exception>
    public void Validate()
    {
        if (!(TopFraction > 0 && TopFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(TopFraction), TopFraction, "The stored fraction of each update must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRounds, 1, nameof(MaxRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1, nameof(MaxBytes));
    }

    /// <summary>The options of one round's ledger.</summary>
    internal AmnesiacLedgerOptions RoundLedger => new() { TopFraction = TopFraction, MaxBytes = MaxBytes, Overflow = LedgerOverflow.EvictOldest };
}
