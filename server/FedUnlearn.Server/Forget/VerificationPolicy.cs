namespace FedUnlearn.Server.Forget;

/// <summary>
/// Decides whether a campaign passed, from the sample-weighted verification aggregates the clients
/// reported: close to a <see cref="Reference"/> (retraining's figures for the same request) when one
/// is given, otherwise by absolute thresholds. Every threshold and tolerance is optional (null: not
/// checked); a check that cannot be made because no client reported the figure fails the request
/// rather than passing it silently.
/// </summary>
public sealed class VerificationPolicy
{
    /// <summary>Highest accepted accuracy on the forgotten class (class scope). Default 0.1.</summary>
    public double? MaxClassForgetAccuracy { get; set; } = 0.1;

    /// <summary>Highest accepted accuracy on the forgotten samples (sample scope). Default none: forgotten samples
    /// of a well-generalising model stay mostly correct, as they would after retraining.</summary>
    public double? MaxSampleForgetAccuracy { get; set; }

    /// <summary>
    /// Largest accepted drop of test accuracy against a pre-campaign evaluation (one extra evaluation round
    /// before the campaign). For class scope the accuracy of the other classes is compared. Default 0.05.
    /// </summary>
    public double? MaxTestAccuracyDrop { get; set; } = 0.05;

    /// <summary>Highest accepted loss-based membership-inference accuracy (0.5 = the attacker cannot tell). Default none.</summary>
    public double? MaxMiaAccuracy { get; set; }

    /// <summary>Ask clients for membership-inference scores. Default true.</summary>
    public bool MembershipInference { get; set; } = true;

    /// <summary>Evaluate at most this many samples per set on each client; 0 means all. Default 0.</summary>
    public uint MaxSamples { get; set; }

    /// <summary>Evaluation reports a verification round needs. Default 1.</summary>
    public int MinReports { get; set; } = 1;

    /// <summary>
    /// Reference figures for the requests this server verifies (e.g. a retraining of the same request
    /// run beside it, as <c>fedunlearn simulate</c> does); null (default) when none exists. When set,
    /// a request passes when its figures are within <see cref="ReferenceTolerance"/> of these, and the
    /// absolute thresholds above (forget accuracy, MIA, test accuracy drop) are not applied.
    /// </summary>
    public VerificationReference? Reference { get; set; }

    /// <summary>How close to <see cref="Reference"/> each figure must be.</summary>
    public ReferenceTolerance ReferenceTolerance { get; set; } = new();

    /// <summary>True when a pre-campaign evaluation is needed (a drop threshold and no reference).</summary>
    public bool NeedsBaseline => MaxTestAccuracyDrop is not null && Reference is null;

    internal void Validate()
    {
        foreach ((string name, double? value) in new[] {
            (nameof(MaxClassForgetAccuracy), MaxClassForgetAccuracy), (nameof(MaxSampleForgetAccuracy), MaxSampleForgetAccuracy),
            (nameof(MaxTestAccuracyDrop), MaxTestAccuracyDrop), (nameof(MaxMiaAccuracy), MaxMiaAccuracy) })
        {
            if (value is { } v && !(v >= 0 && v <= 1))
                throw new ArgumentOutOfRangeException(name, v, "Must be a fraction in [0, 1] (or null to skip the check).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinReports, 1, nameof(MinReports));
        ArgumentNullException.ThrowIfNull(ReferenceTolerance, nameof(ReferenceTolerance));
        ReferenceTolerance.Validate();
        Reference?.Validate();
    }
}
