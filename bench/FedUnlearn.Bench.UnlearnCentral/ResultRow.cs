using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>One model's figures in one scenario: the original, retraining or an unlearning method.</summary>
/// <param name="Model">mlp or vit.</param>
/// <param name="Scenario">s1, s2 or s3.</param>
/// <param name="Method">original, retrain or the method's registry name.</param>
/// <param name="Options">The options the method ran with.</param>
/// <param name="Metrics">The evaluation (distances to the retrained model included).</param>
/// <param name="ForgetClass">For class scope, the forgotten label: test accuracy is then split into that class and the others.</param>
/// <param name="Cost">Wall and CPU time of the training or unlearning run (evaluation excluded).</param>
/// <param name="SpeedUp">Retraining's CPU time over this run's; null for the original and retraining.</param>
/// <param name="Steps">Optimisation steps taken; null when not reported (sharded retraining).</param>
internal sealed record ResultRow(
    string Model,
    string Scenario,
    string Method,
    string Options,
    EvaluationMetrics Metrics,
    int? ForgetClass,
    Cost Cost,
    double? SpeedUp,
    int? Steps)
{
    public double? ForgetAccuracy => Metrics.ForgetAccuracy;

    public double? RetainAccuracy => Metrics.RetainAccuracy;

    public double? TestAccuracy => Metrics.TestAccuracy;

    public double? Mia => Metrics.MiaLoss?.Accuracy;

    public double? AttackSuccess => Metrics.Backdoor?.SuccessRate;

    public double? ActivationDistance => Metrics.ActivationDistance;

    /// <summary>Test accuracy on the forgotten class (class scope only).</summary>
    public double? TestForgetClass => ForgetClass is { } c ? Metrics.Test?.PerClass[c].Accuracy : null;

    /// <summary>Test accuracy on every class but the forgotten one (class scope only).</summary>
    public double? TestOtherClasses
    {
        get
        {
            if (ForgetClass is not { } c || Metrics.Test is not { } test) return null;
            var others = test.PerClass.Where(p => p.Label != c).ToList();
            return (double)others.Sum(p => p.CorrectCount) / others.Sum(p => p.SampleCount);
        }
    }

    /// <summary>The test accuracy a target compares: on the other classes for class scope, else on every class.</summary>
    public double? UtilityAccuracy => ForgetClass is null ? TestAccuracy : TestOtherClasses;
}
