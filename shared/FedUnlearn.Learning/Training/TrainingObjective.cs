using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// What a <see cref="TrainingLoop"/> minimises: the loss of one step, given the step's batch. Plain
/// training uses cross-entropy; an unlearning method brings its own (e.g. ∇τ mixes a forget batch
/// drawn from its own <see cref="BatchStream"/> with the loop's retain batch).
/// </summary>
public abstract class TrainingObjective
{
    /// <summary>
    /// Called before each epoch, outside any step, e.g. to recompute a threshold on held-out data. The
    /// model is in training mode; evaluation helpers switch to eval mode and back themselves.
    /// </summary>
    public virtual void BeginEpoch(EpochContext epoch)
    {
    }

    /// <summary>
    /// The scalar loss of one step, recorded for autograd. Tensors created here belong to the step's
    /// dispose scope; call <see cref="StepContext.CountCorrect"/> to report training accuracy, or
    /// <see cref="StepContext.SkipStep"/> when the batch gives nothing to learn.
    /// </summary>
    public abstract Tensor Loss(StepContext step);
}
