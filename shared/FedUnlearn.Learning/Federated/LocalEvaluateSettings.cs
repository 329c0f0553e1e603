namespace FedUnlearn.Learning.Federated;

/// <summary>What to measure in an evaluation task.</summary>
public sealed record LocalEvaluateSettings
{
    /// <summary>For class scope: the forgotten label (forget set = local samples of that class).</summary>
    public int? ForgetClass { get; init; }

    /// <summary>Compute membership-inference scores (needs enough forget and test samples).</summary>
    public bool MembershipInference { get; init; } = true;

    /// <summary>Seed of the MIA's subsampling and folds, and of the <see cref="MaxSamples"/> subsamples.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Evaluate at most this many samples per set (forget, retain, test, backdoor probe): a larger set is cut
    /// to a seeded uniform subsample (from <see cref="Seed"/>, so every model a server compares is measured on
    /// the same samples). 0 (default) evaluates every sample.
    /// </summary>
    public int MaxSamples { get; init; }
}
