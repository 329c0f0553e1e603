using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>
/// What one method achieved on one forget request, measured on the federation's data after its
/// campaign. Null means "not measured", never zero.
/// </summary>
public sealed record MethodResult
{
    /// <summary>The name shown in tables and plots (the scenario's label or the method name).</summary>
    public string Method { get; init; } = "";

    /// <summary>The catalog name, e.g. "rfa".</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether this row is the reference (retrain) the others are compared with.</summary>
    public bool IsReference { get; init; }

    /// <summary>Accuracy on the forget set.</summary>
    public double? ForgetAccuracy { get; init; }

    /// <summary>Accuracy on the retained training data.</summary>
    public double? RetainAccuracy { get; init; }

    /// <summary>Accuracy on the test set.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Test accuracy per class, by label (class scope); an entry is null for a class without test samples.</summary>
    public IReadOnlyList<double?>? PerClassTestAccuracy { get; init; }

    /// <summary>Membership-inference attack accuracy on the per-sample loss (0.5: cannot tell).</summary>
    public double? MiaLoss { get; init; }

    /// <summary>Membership-inference attack accuracy on the per-sample entropy.</summary>
    public double? MiaEntropy { get; init; }

    /// <summary>Backdoor attack success rate, when the forget set carried a trigger.</summary>
    public double? AttackSuccessRate { get; init; }

    /// <summary>Mean L2 distance between this model's and the reference's softmax outputs.</summary>
    public double? ActivationDistance { get; init; }

    /// <summary>Mean Jensen–Shannon divergence (nats) to the reference's outputs.</summary>
    public double? JensenShannon { get; init; }

    /// <summary>Mean L2 distance to the reference's penultimate features.</summary>
    public double? FeatureDistance { get; init; }

    /// <summary>Campaign rounds run.</summary>
    public int Rounds { get; init; }

    /// <summary>Wall time of the campaign, seconds.</summary>
    public double WallTimeSeconds { get; init; }

    /// <summary>Bytes the server sent during the campaign.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes the server received during the campaign.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Reference wall time over this one; filled by <see cref="ForgetRequestResult.WithSpeedUps"/>.</summary>
    public double? SpeedUp { get; init; }

    /// <summary>The campaign round by round.</summary>
    public IReadOnlyList<CampaignRound> History { get; init; } = [];

    /// <summary>
    /// The aggregator's own verdict on the campaign, from its verification round judged against the
    /// reference's (<c>completed</c>, or <c>failed: why</c>); null when it judged nothing (the reference
    /// itself, or <c>evaluation.judgeAgainstReference</c> off).
    /// </summary>
    public string? Verdict { get; init; }

    /// <summary>A result from the aggregated verification figures (time and bytes taken from them when present).</summary>
    /// <param name="method">Display name.</param>
    /// <param name="name">Catalog name.</param>
    /// <param name="metrics">The aggregated metrics of the method's model.</param>
    /// <param name="rounds">Campaign rounds run.</param>
    /// <param name="isReference">Whether this is the reference row.</param>
    public static MethodResult FromMetrics(string method, string name, EvaluationMetrics metrics, int rounds, bool isReference = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new()
        {
            Method = method,
            Name = name,
            IsReference = isReference,
            ForgetAccuracy = metrics.ForgetAccuracy,
            RetainAccuracy = metrics.RetainAccuracy,
            TestAccuracy = metrics.TestAccuracy,
            PerClassTestAccuracy = metrics.Test is { } test ? [.. test.PerClass.Select(c => c.Accuracy)] : null,
            MiaLoss = metrics.MiaLoss?.Accuracy,
            MiaEntropy = metrics.MiaEntropy?.Accuracy,
            AttackSuccessRate = metrics.Backdoor is { EligibleCount: > 0 } b ? b.SuccessRate : null,
            ActivationDistance = isReference ? null : metrics.ActivationDistance,
            JensenShannon = isReference ? null : metrics.JensenShannon,
            FeatureDistance = isReference ? null : metrics.FeatureDistance,
            Rounds = rounds,
            WallTimeSeconds = metrics.WallTime?.TotalSeconds ?? 0,
            BytesSent = metrics.BytesSent ?? 0,
        };
    }
}
