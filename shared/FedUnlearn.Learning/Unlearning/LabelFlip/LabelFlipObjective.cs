using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Unlearning.LabelFlip;

/// <summary>The label-flip step loss; see <see cref="LabelFlipMethod"/>.</summary>
internal sealed class LabelFlipObjective(BatchStream? forget, double weight, long seed) : TrainingObjective
{
    private long[] _wrong = [];
    private double _forgetSum;
    private int _forgetSteps;

    public double? MeanForgetLoss => _forgetSteps == 0 ? null : _forgetSum / _forgetSteps;

    public override void BeginEpoch(EpochContext epoch) => (_forgetSum, _forgetSteps) = (0, 0);

    public override Tensor Loss(StepContext step)
    {
        var logits = step.Model.forward(step.Batch.Features);
        step.CountCorrect(logits, step.Batch.Labels);
        var retainLoss = F.cross_entropy(logits, step.Batch.Labels);
        if (forget is null) return retainLoss;

        var batch = forget.Next();
        var classes = step.Model.NumClasses;
        if (_wrong.Length < batch.Count) _wrong = new long[batch.Count];
        var ids = batch.Ids.Span;
        var labels = batch.LabelValues.Span;
        for (var i = 0; i < ids.Length; i++) _wrong[i] = LabelFlipMethod.FlippedLabel(ids[i], labels[i], classes, seed);
        var wrong = torch.tensor<long>(_wrong.AsSpan(0, batch.Count), forget.Device);
        var forgetLoss = F.cross_entropy(step.Model.forward(batch.Features), wrong);
        _forgetSum += forgetLoss.item<double>();
        _forgetSteps++;
        return retainLoss.add(forgetLoss, weight);
    }
}
