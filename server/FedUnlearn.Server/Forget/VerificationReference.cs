using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Forget;

/// <summary>
/// The verification figures of a reference model for the request being verified, usually federated
/// retraining without the forgotten data (the gold standard). With a reference, the policy judges a
/// method by how close its figures are to the reference's (<see cref="VerificationPolicy.ReferenceTolerance"/>)
/// instead of by absolute thresholds: a method should leave the model as retraining would, neither
/// remembering more (a higher forget accuracy, a live backdoor) nor "forgetting" more (a forget
/// accuracy far below retraining's is itself a membership signal).
/// </summary>
/// <remarks>Fractions in [0, 1], each measured the same way as the method's (the clients' sample-weighted aggregates); null: not known, not compared.</remarks>
public sealed record VerificationReference
{
    /// <summary>Accuracy on the test split.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Accuracy on the forgotten samples (or the forgotten class).</summary>
    public double? ForgetAccuracy { get; init; }

    /// <summary>Loss-based membership-inference accuracy (members = forget set).</summary>
    public double? MiaLossAccuracy { get; init; }

    /// <summary>Backdoor attack success rate, when the forget set carries a trigger.</summary>
    public double? BackdoorSuccessRate { get; init; }

    /// <summary>The reference from a verification report (for instance a retraining campaign's <c>ForgetStatus.verification</c>).</summary>
    public static VerificationReference FromReport(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new VerificationReference
        {
            TestAccuracy = report.HasTestAccuracy ? report.TestAccuracy : null,
            ForgetAccuracy = report.HasForgetAccuracy ? report.ForgetAccuracy : null,
            MiaLossAccuracy = report.HasMiaLossAccuracy ? report.MiaLossAccuracy : null,
            BackdoorSuccessRate = report.HasBackdoorSuccessRate ? report.BackdoorSuccessRate : null,
        };
    }

    internal void Validate()
    {
        foreach ((string name, double? value) in new[] {
            (nameof(TestAccuracy), TestAccuracy), (nameof(ForgetAccuracy), ForgetAccuracy),
            (nameof(MiaLossAccuracy), MiaLossAccuracy), (nameof(BackdoorSuccessRate), BackdoorSuccessRate) })
        {
            if (value is { } v && !(v >= 0 && v <= 1))
                throw new ArgumentOutOfRangeException(name, v, "A reference figure must be a fraction in [0, 1] (or null when unknown).");
        }
    }
}
