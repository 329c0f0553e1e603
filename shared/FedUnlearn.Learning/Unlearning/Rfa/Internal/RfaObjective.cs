using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Internal;
using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Unlearning.Rfa.Internal;

/// <summary>
/// The RFA step loss: <c>‖f(x_r) − f_T(x_r)‖²/s² [+ w·CE(x_r)] + λ·L_forget</c>, where f are the
/// student's penultimate features, f_T the frozen teacher's (precomputed), s² the teacher's mean
/// squared feature value on retained data (so λ means the same on every model), and L_forget either
/// <c>‖f(x_f) − target(x_f)‖²/s²</c> or KL(uniform ‖ softmax(head(f(x_f)))).
/// </summary>
internal sealed class RfaObjective(
    FeatureTable teacher, FeatureTable? targets, BatchStream? forget, double scale, double lambda, double retainCe) : TrainingObjective
{
    private double _retainSum, _forgetSum;
    private int _retainSteps, _forgetSteps;

    public double? MeanResidual => _retainSteps == 0 ? null : _retainSum / _retainSteps;

    public double? MeanForgetLoss => _forgetSteps == 0 ? null : _forgetSum / _forgetSteps;

    public override void BeginEpoch(EpochContext epoch) => (_retainSum, _forgetSum, _retainSteps, _forgetSteps) = (0, 0, 0, 0);

    public override Tensor Loss(StepContext step)
    {
        var batch = step.Batch;
        var features = step.Model.features(batch.Features);
        var residual = F.mse_loss(features, teacher.Gather(batch.Ids.Span, features.device)).div(scale);
        _retainSum += residual.item<double>();
        _retainSteps++;
        var loss = residual;
        if (retainCe > 0)
        {
            var logits = step.Model.classify(features);
            step.CountCorrect(logits, batch.Labels);
            loss = loss.add(F.cross_entropy(logits, batch.Labels), retainCe);
        }

        if (forget is null) return loss;

        var forgetBatch = forget.Next();
        var forgetFeatures = step.Model.features(forgetBatch.Features);
        var forgetLoss = targets is null
            ? UniformKl(step.Model.classify(forgetFeatures))
            : F.mse_loss(forgetFeatures, targets.Gather(forgetBatch.Ids.Span, forgetFeatures.device)).div(scale);
        _forgetSum += forgetLoss.item<double>();
        _forgetSteps++;
        return loss.add(forgetLoss, lambda);
    }

    /// <summary>KL(U ‖ p) = −log K − mean_c log p_c, averaged over the batch.</summary>
    private static Tensor UniformKl(Tensor logits) =>
        F.log_softmax(logits, 1).mean(1).neg().sub(Math.Log(logits.size(1))).mean();
}
