using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;
using FedUnlearn.Torch.Optim.Schedulers;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>
/// Learning-rate sequences against PyTorch 1.13: SGD with lr 0.1, the rate after construction, then
/// get_last_lr()[0] after each of 12 steps (optim_reference.py, "step_lr" ... "hf_cosine" lines;
/// the hf_* lines are Hugging Face's warm-up lambdas run through torch's LambdaLR). Exact equality:
/// the recursive formulas are evaluated in the same order as PyTorch's.
/// </summary>
public sealed class LRSchedulerTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void StepLR_MatchesPyTorch() => Assert.Equal(
        [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125, 0.00625],
        Schedule(o => torch.optim.lr_scheduler.StepLR(o, step_size: 3, gamma: 0.5)));

    [Fact]
    public void CosineAnnealingLR_MatchesPyTorchThroughOneAndAHalfPeriods() => Assert.Equal(
        [0.1, 0.09140576474687263, 0.06890576474687263, 0.04109423525312736, 0.018594235253127367, 0.01, 0.018594235253127367, 0.04109423525312739,
         0.06890576474687267, 0.09140576474687269, 0.10000000000000006, 0.09140576474687272, 0.06890576474687268],
        Schedule(o => torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max: 5, eta_min: 0.01)));

    [Fact]
    public void LinearLR_Warmup_MatchesPyTorch() => Assert.Equal(
        [0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002,
         0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002],
        Schedule(o => torch.optim.lr_scheduler.LinearLR(o, start_factor: 0.25, end_factor: 1.0, total_iters: 4)));

    [Fact]
    public void LinearLR_Decay_MatchesPyTorch() => Assert.Equal(
        [0.1, 0.085, 0.07, 0.05500000000000001, 0.04000000000000001, 0.025000000000000005, 0.010000000000000002, 0.010000000000000002,
         0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002],
        Schedule(o => torch.optim.lr_scheduler.LinearLR(o, start_factor: 1.0, end_factor: 0.1, total_iters: 6)));

    [Fact]
    public void LinearScheduleWithWarmup_MatchesHuggingFaceLambdaInPyTorch() => Assert.Equal(
        [0.0, 0.025, 0.05, 0.07500000000000001, 0.1, 0.08333333333333334, 0.06666666666666667, 0.05, 0.03333333333333333, 0.016666666666666666, 0.0, 0.0, 0.0],
        Schedule(o => torch.optim.lr_scheduler.get_linear_schedule_with_warmup(o, num_warmup_steps: 4, num_training_steps: 10)));

    [Fact]
    public void CosineScheduleWithWarmup_MatchesHuggingFaceLambdaInPyTorch() => Assert.Equal(
        [0.0, 0.025, 0.05, 0.07500000000000001, 0.1, 0.09330127018922195, 0.07500000000000001, 0.05, 0.025000000000000012, 0.006698729810778065,
         0.0, 0.00669872981077807, 0.02499999999999998],
        Schedule(o => torch.optim.lr_scheduler.get_cosine_schedule_with_warmup(o, num_warmup_steps: 4, num_training_steps: 10)));

    [Fact]
    public void Scheduler_ParamGroups_EachScaledFromItsOwnBase()
    {
        using var opt = torch.optim.SGD([new ParamGroup([torch.zeros(1).requires_grad_()]), new ParamGroup([torch.zeros(1).requires_grad_()], lr: 1.0)], lr: 0.1);
        var s = torch.optim.lr_scheduler.StepLR(opt, step_size: 1, gamma: 0.5);
        s.step();
        Assert.Equal([0.05, 0.5], s.get_last_lr());
        Assert.Equal([0.1, 1.0], s.base_lrs);
        Assert.Equal([0.1, 1.0], opt.param_groups.Select(g => g.InitialLearningRate!.Value));
        Assert.Equal(1, s.last_epoch);
    }

    [Fact]
    public void Schedulers_InvalidArguments_Throw()
    {
        using var opt = torch.optim.SGD([torch.zeros(1).requires_grad_()], lr: 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.lr_scheduler.StepLR(opt, step_size: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.lr_scheduler.LinearLR(opt, start_factor: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.lr_scheduler.get_linear_schedule_with_warmup(opt, 10, 5));
    }

    private static double[] Schedule(Func<Optimizer, LRScheduler> make, int steps = 12)
    {
        using var opt = torch.optim.SGD([torch.zeros(1).requires_grad_()], lr: 0.1);
        var scheduler = make(opt);
        var lrs = new List<double> { opt.param_groups[0].LearningRate };
        for (var i = 0; i < steps; i++)
        {
            opt.step();
            scheduler.step();
            lrs.Add(scheduler.get_last_lr()[0]);
        }

        return [.. lrs];
    }
}
