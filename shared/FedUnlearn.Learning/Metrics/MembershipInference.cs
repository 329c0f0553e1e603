using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Membership-inference attack (MIA) as the verification step runs it: a logistic regression on one
/// per-sample score (cross-entropy loss, or prediction entropy) tries to tell members (the forget
/// set) from non-members (test samples; for class scope, test samples of the forgotten class).
/// </summary>
/// <remarks>
/// Protocol, fixed so that figures from different clients and runs compare:
/// <list type="number">
/// <item>Both sets are cut to the smaller size n by seeded uniform subsampling of the larger one.</item>
/// <item>Each set is dealt into <see cref="MiaOptions.Folds"/> folds (stratified: every fold holds the
/// same number of members as non-members, ±1).</item>
/// <item>For each fold, the feature is standardised on the other folds, a logistic regression with a
/// small L2 penalty is fitted there by Newton's method, and its accuracy on the held-out fold is
/// recorded (predict "member" when p ≥ ½).</item>
/// <item>The result is the mean fold accuracy.</item>
/// </list>
/// Degenerate input is an error, not a silent 0.5: fewer than <see cref="MiaOptions.Folds"/> samples
/// in either set (a fold would lack one class), or a non-finite score, throws
/// <see cref="ArgumentException"/>. Call <see cref="HasEnoughSamples"/> first to skip the attack,
/// and report it as not available, when a client holds too few samples (e.g. a 3-sample forget request).
/// </remarks>
public static partial class MembershipInference
{
    /// <summary>Feature name of attacks on the per-sample cross-entropy loss.</summary>
    public const string LossFeature = "loss";

    /// <summary>Feature name of attacks on the per-sample prediction entropy.</summary>
    public const string EntropyFeature = "entropy";

    /// <summary>True when both sets are large enough for the attack under <paramref name="options"/>.</summary>
    public static bool HasEnoughSamples(int memberCount, int nonMemberCount, MiaOptions? options = null)
    {
        var folds = (options ?? MiaOptions.Default).Folds;
        return memberCount >= folds && nonMemberCount >= folds;
    }

    /// <summary>Runs the attack on precomputed per-sample scores.</summary>
    /// <param name="memberScores">One score per member sample (e.g. forget-set losses).</param>
    /// <param name="nonMemberScores">One score per non-member sample (e.g. test-set losses).</param>
    /// <param name="feature">Name recorded in the result, e.g. <see cref="LossFeature"/>.</param>
    /// <param name="options">Folds, seed and penalty; <see cref="MiaOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A set is smaller than the fold count, a score is not finite, or the feature name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MiaResult Attack(
        ReadOnlySpan<double> memberScores,
        ReadOnlySpan<double> nonMemberScores,
        string feature,
        MiaOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        options ??= MiaOptions.Default;
        options.Validate();
        RequireEnough(memberScores.Length, "member", nameof(memberScores), options.Folds);
        RequireEnough(nonMemberScores.Length, "non-member", nameof(nonMemberScores), options.Folds);
        MetricGuard.Finite(memberScores, "member scores", nameof(memberScores));
        MetricGuard.Finite(nonMemberScores, "non-member scores", nameof(nonMemberScores));
        return MiaCrossValidation.Run(memberScores, nonMemberScores, feature, options);
    }

    private static void RequireEnough(int count, string role, string paramName, int folds)
    {
        if (count == 0)
            throw new ArgumentException($"No {role} samples: the membership-inference attack needs both sets.", paramName);
        if (count < folds)
            throw new ArgumentException(
                $"Only {count} {role} samples; {folds}-fold stratified cross-validation needs at least {folds} in each set.", paramName);
    }
}
