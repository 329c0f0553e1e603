using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>Mean cross-entropy of the batch: plain supervised training.</summary>
internal sealed class CrossEntropyObjective : TrainingObjective
{
    public override Tensor Loss(StepContext step)
    {
        var logits = step.Model.forward(step.Batch.Features);
        step.CountCorrect(logits, step.Batch.Labels);
        return F.cross_entropy(logits, step.Batch.Labels);
    }
}
