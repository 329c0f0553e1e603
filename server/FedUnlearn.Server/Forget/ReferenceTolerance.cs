namespace FedUnlearn.Server.Forget;

/// <summary>
/// How far a method's verification figures may be from the <see cref="VerificationReference"/>'s,
/// in absolute fraction points either way. Null skips a figure. A figure the reference has but the
/// clients did not report fails the request: closeness that cannot be measured is not passed.
/// </summary>
public sealed class ReferenceTolerance
{
    /// <summary>Largest |test accuracy − reference|. Default 0.015 (1.5 points).</summary>
    public double? TestAccuracy { get; set; } = 0.015;

    /// <summary>Largest |forget accuracy − reference|. Default 0.05.</summary>
    public double? ForgetAccuracy { get; set; } = 0.05;

    /// <summary>Largest |membership-inference accuracy − reference|. Default 0.05.</summary>
    public double? MiaLossAccuracy { get; set; } = 0.05;

    /// <summary>Largest |backdoor attack success rate − reference|. Default 0.03.</summary>
    public double? BackdoorSuccessRate { get; set; } = 0.03;

    internal void Validate()
    {
        foreach ((string name, double? value) in new[] {
            (nameof(TestAccuracy), TestAccuracy), (nameof(ForgetAccuracy), ForgetAccuracy),
            (nameof(MiaLossAccuracy), MiaLossAccuracy), (nameof(BackdoorSuccessRate), BackdoorSuccessRate) })
        {
            if (value is { } v && !(v >= 0 && v <= 1))
                throw new ArgumentOutOfRangeException(name, v, "A tolerance must be a fraction in [0, 1] (or null to skip the figure).");
        }
    }
}
