namespace FedUnlearn.Learning.Metrics;

/// <summary>Knobs of the membership-inference attack; the defaults are DESIGN.md's protocol.</summary>
public sealed record MiaOptions
{
    /// <summary>The default options: 5 folds, seed 0, L2 penalty 1e-4.</summary>
    public static MiaOptions Default { get; } = new();

    /// <summary>Cross-validation folds (default 5). Each set needs at least this many samples after equalising.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed for subsampling the larger set and assigning folds (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// L2 penalty λ on the standardised feature's weight, in <c>mean(log-loss) + (λ/2)·w²</c>
    /// (default 1e-4: negligible on real data, but it keeps the weight finite when the two sets are
    /// perfectly separable). Equivalent to scikit-learn's <c>C = 1/(λ·n_train)</c>.
    /// </summary>
    public double L2Penalty { get; init; } = 1e-4;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Folds below 2, or a penalty that is not a positive finite number.</exception>
    public void Validate()
    {
        if (Folds < 2)
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds.");
        if (!(L2Penalty > 0) || !double.IsFinite(L2Penalty))
            throw new ArgumentOutOfRangeException(nameof(L2Penalty), L2Penalty, "The L2 penalty must be a positive finite number.");
    }
}
