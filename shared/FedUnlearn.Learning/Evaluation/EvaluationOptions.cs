using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Evaluation;

/// <summary>How <see cref="ModelEvaluator.Evaluate"/> measures.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The defaults: batches of 256, membership inference on with DESIGN.md's protocol.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Samples per forward pass.</summary>
    public int BatchSize { get; init; } = ModelEvaluator.DefaultBatchSize;

    /// <summary>Run the membership-inference attacks (when both sets hold enough samples).</summary>
    public bool MembershipInference { get; init; } = true;

    /// <summary>Folds, seed and penalty of the attacks.</summary>
    public MiaOptions Mia { get; init; } = MiaOptions.Default;
}
