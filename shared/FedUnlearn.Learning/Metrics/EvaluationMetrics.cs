namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Every verification figure of one model at one point (after a round, after unlearning, or of the
/// retrained reference), as a client computes them locally and reports them. A null member means
/// "not measured" (e.g. no MIA when a set is too small, no ASR without a trigger, no distances
/// without a reference model), never zero.
/// </summary>
/// <remarks>
/// Judge an unlearned model by comparing its figures with the retrained model's: forget accuracy and
/// MIA accuracy should approach the retrained values (not 0 and not 0.5 in isolation), retain and test
/// accuracy should stay close, and the distances to the retrained model should be small.
/// </remarks>
public sealed record EvaluationMetrics
{
    /// <summary>Accuracy on the forget set (for class scope, the forgotten class; see its per-class entries).</summary>
    public ClassificationReport? Forget { get; init; }

    /// <summary>Accuracy on the retained training data.</summary>
    public ClassificationReport? Retain { get; init; }

    /// <summary>Accuracy on held-out test data.</summary>
    public ClassificationReport? Test { get; init; }

    /// <summary>Membership inference on the per-sample loss (members = forget set, non-members = test samples).</summary>
    public MiaResult? MiaLoss { get; init; }

    /// <summary>Membership inference on the per-sample prediction entropy.</summary>
    public MiaResult? MiaEntropy { get; init; }

    /// <summary>Backdoor attack success rate on triggered forget samples, when the forget set carries a trigger.</summary>
    public BackdoorResult? Backdoor { get; init; }

    /// <summary>Mean L2 distance between this model's and the reference (retrained) model's softmax outputs.</summary>
    public double? ActivationDistance { get; init; }

    /// <summary>Mean Jensen–Shannon divergence (nats) between this model's and the reference model's softmax outputs.</summary>
    public double? JensenShannon { get; init; }

    /// <summary>Mean L2 distance between this model's and the reference model's penultimate features.</summary>
    public double? FeatureDistance { get; init; }

    /// <summary>Wall time of the work being evaluated (e.g. the unlearning campaign), measured by the caller.</summary>
    public TimeSpan? WallTime { get; init; }

    /// <summary>Bytes sent over the network for that work, counted by the caller.</summary>
    public long? BytesSent { get; init; }

    /// <summary>Forget-set accuracy, or null when not measured.</summary>
    public double? ForgetAccuracy => Forget?.Accuracy;

    /// <summary>Retain-set accuracy, or null when not measured.</summary>
    public double? RetainAccuracy => Retain?.Accuracy;

    /// <summary>Test-set accuracy, or null when not measured.</summary>
    public double? TestAccuracy => Test?.Accuracy;
}
