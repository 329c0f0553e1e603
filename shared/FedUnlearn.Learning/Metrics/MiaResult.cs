namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Outcome of a membership-inference attack: the attacker's cross-validated accuracy at telling
/// members (the forget set) from non-members (test samples). 0.5 means it cannot tell them apart;
/// judge an unlearned model against the retrained model's value, not against 0.5 alone.
/// </summary>
/// <param name="Feature">The per-sample score the attacker saw, e.g. <see cref="MembershipInference.LossFeature"/>.</param>
/// <param name="Accuracy">Mean of <paramref name="FoldAccuracies"/>.</param>
/// <param name="FoldAccuracies">Accuracy on each held-out fold.</param>
/// <param name="MemberCount">Members used, after equalising the two sets.</param>
/// <param name="NonMemberCount">Non-members used; always equal to <paramref name="MemberCount"/>.</param>
public sealed record MiaResult(
    string Feature,
    double Accuracy,
    IReadOnlyList<double> FoldAccuracies,
    int MemberCount,
    int NonMemberCount)
{
    /// <summary>Population standard deviation of the fold accuracies: how much the figure wobbles between folds.</summary>
    public double FoldStandardDeviation
    {
        get
        {
            var mean = FoldAccuracies.Average();
            return Math.Sqrt(FoldAccuracies.Sum(a => (a - mean) * (a - mean)) / FoldAccuracies.Count);
        }
    }
}
