namespace FedUnlearn.Learning.Unlearning.NablaTau;

/// <summary>What ∇τ's descent term fits on the retained batches (option <c>retain-loss</c>).</summary>
public enum NablaTauRetainLoss
{
    /// <summary><c>ce</c> (the paper's; the default for a class request): cross-entropy on the retained samples' labels.</summary>
    CrossEntropy,

    /// <summary>
    /// <c>distill</c> (the default for a samples request): KL(p_T ‖ p) to the model as the task delivered it (the teacher; its logits on the retained
    /// samples are computed once before training). It keeps what the model predicts on the retained samples
    /// rather than refitting their labels: on a node whose retained data cover a few classes (label skew), the
    /// labels' cross-entropy pulls the whole model towards that node's class prior, which costs the classes it
    /// barely holds; distillation has no such pull. Measured in bench/unlearn-federated (README). A retain-only
    /// node (no forget term to guard against) still uses cross-entropy: distilling a model into itself teaches nothing.
    /// </summary>
    Distill,
}
