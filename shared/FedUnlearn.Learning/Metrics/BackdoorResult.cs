namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Backdoor attack success rate: of the triggered samples whose true class is not the target, the
/// share the model classifies as the target. High before unlearning a poisoned client; after
/// unlearning it should drop to the retrained model's level (roughly the chance of that confusion).
/// </summary>
/// <param name="TargetClass">The class the trigger steers towards.</param>
/// <param name="EligibleCount">Triggered samples whose true class differs from the target.</param>
/// <param name="HitCount">Of those, the ones predicted as the target.</param>
public sealed record BackdoorResult(int TargetClass, int EligibleCount, int HitCount)
{
    /// <summary>HitCount / EligibleCount.</summary>
    public double SuccessRate => (double)HitCount / EligibleCount;
}
