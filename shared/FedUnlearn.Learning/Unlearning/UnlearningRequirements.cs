namespace FedUnlearn.Learning.Unlearning;

/// <summary>Data an unlearning method needs besides the forget set.</summary>
[Flags]
public enum UnlearningRequirements
{
    /// <summary>Only the forget set (e.g. gradient ascent).</summary>
    None = 0,

    /// <summary>A non-empty retain set (fine-tuning, retraining, ∇τ, label flipping).</summary>
    RetainData = 1,

    /// <summary>A non-empty held-out set (∇τ computes its threshold τ there).</summary>
    HeldOutData = 2,
}
