namespace FedUnlearn.Learning.Metrics;

public static partial class MembershipInference
{
    /// <summary>Attack on the per-sample cross-entropy loss computed from logits (row-major [n, classCount]).</summary>
    /// <exception cref="ArgumentException">Shapes or labels are invalid, a logit is not finite, or a set is too small.</exception>
    public static MiaResult AttackOnLoss(
        ReadOnlySpan<float> memberLogits,
        ReadOnlySpan<int> memberLabels,
        ReadOnlySpan<float> nonMemberLogits,
        ReadOnlySpan<int> nonMemberLabels,
        int classCount,
        MiaOptions? options = null) =>
        Attack(
            Logits.CrossEntropy(memberLogits, memberLabels, classCount),
            Logits.CrossEntropy(nonMemberLogits, nonMemberLabels, classCount),
            LossFeature,
            options);

    /// <summary>Attack on the per-sample prediction entropy computed from logits (row-major [n, classCount]).</summary>
    /// <exception cref="ArgumentException">Shapes are invalid, a logit is not finite, or a set is too small.</exception>
    public static MiaResult AttackOnEntropy(
        ReadOnlySpan<float> memberLogits,
        ReadOnlySpan<float> nonMemberLogits,
        int classCount,
        MiaOptions? options = null) =>
        Attack(
            Logits.Entropy(memberLogits, classCount),
            Logits.Entropy(nonMemberLogits, classCount),
            EntropyFeature,
            options);
}
