using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Unlearning.GradientAscent;

/// <summary>Loss = −mean(min(CE_i, cap)) over the forget batch.</summary>
internal sealed class GradientAscentObjective(double cap) : TrainingObjective
{
    public int Skipped { get; private set; }

    public override Tensor Loss(StepContext step)
    {
        var logits = step.Model.forward(step.Batch.Features);
        step.CountCorrect(logits, step.Batch.Labels);
        var losses = F.cross_entropy(logits, step.Batch.Labels, reduction: Reduction.None);
        if (losses.min().item<double>() >= cap)
        {
            // Every sample is past the cap: the capped loss is flat, and an Adam step on stale moments would still move.
            step.SkipStep();
            Skipped++;
        }

        return losses.clamp_max(cap).mean().neg();
    }
}
