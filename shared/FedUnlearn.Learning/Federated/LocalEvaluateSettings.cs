namespace FedUnlearn.Learning.Federated;

/// <summary>What to measure in an evaluation task.</summary>
public sealed record LocalEvaluateSettings
{
    /// <summary>For class scope: the forgotten label (forget set = local samples of that class).</summary>
    public int? ForgetClass { get; init; }

    /// <summary>Compute membership-inference scores (needs enough forget and test samples).</summary>
    public bool MembershipInference { get; init; } = true;

    /// <summary>Seed of the MIA's subsampling and folds.</summary>
    public long Seed { get; init; }
}
