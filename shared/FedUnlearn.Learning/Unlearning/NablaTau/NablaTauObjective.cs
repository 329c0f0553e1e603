using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;
using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Unlearning.NablaTau;

/// <summary>The ∇τ step loss; see <see cref="NablaTauMethod"/>.</summary>
/// <remarks>With a <paramref name="teacher"/> (logits on the retained samples) the descent term is KL(p_T ‖ p) instead of CE.</remarks>
internal sealed class NablaTauObjective(double a0, double? fixedTau, IDataset? heldOut, BatchStream? forget, FeatureTable? teacher = null) : TrainingObjective
{
    private double _forgetSum, _retainSum;
    private int _forgetSteps, _retainSteps;

    /// <summary>The τ of the latest epoch (null for a retain-only run, which needs none).</summary>
    public double? Tau { get; private set; }

    public double? MeanForgetLoss => _forgetSteps == 0 ? null : _forgetSum / _forgetSteps;

    public double? MeanRetainLoss => _retainSteps == 0 ? null : _retainSum / _retainSteps;

    public override void BeginEpoch(EpochContext epoch)
    {
        if (forget is null) return;
        Tau = fixedTau ?? ModelEvaluator.Predict(epoch.Model, heldOut!).MeanCrossEntropy();
        (_forgetSum, _retainSum, _forgetSteps, _retainSteps) = (0, 0, 0, 0);
    }

    public override Tensor Loss(StepContext step)
    {
        var logits = step.Model.forward(step.Batch.Features);
        step.CountCorrect(logits, step.Batch.Labels);
        var retainLoss = teacher is null
            ? F.cross_entropy(logits, step.Batch.Labels)
            : Distillation(logits, teacher.Gather(step.Batch.Ids.Span, logits.device));
        _retainSum += retainLoss.item<double>();
        _retainSteps++;
        var a = a0 * (1 - step.Progress);
        if (forget is null || a <= 0) return retainLoss;

        var batch = forget.Next();
        var forgetLoss = F.cross_entropy(step.Model.forward(batch.Features), batch.Labels);
        _forgetSum += forgetLoss.item<double>();
        _forgetSteps++;
        var shortfall = forgetLoss.neg().add(Tau!.Value).relu();
        return shortfall.square().mul(a).add(retainLoss.mul(1 - a));
    }

    /// <summary>KL(softmax(teacher) ‖ softmax(student)), the mean over the batch of each sample's divergence.</summary>
    internal static Tensor Distillation(Tensor studentLogits, Tensor teacherLogits) =>
        F.kl_div(F.log_softmax(studentLogits, 1), F.log_softmax(teacherLogits, 1), Reduction.BatchMean, logTarget: true);
}
