using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>Optimizer mechanics: zero_grad modes, skipped parameters, state, groups, guards, leaks.</summary>
public sealed class OptimizerBehaviourTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void ZeroGrad_SetToNone_DropsGradients()
    {
        var (x, y) = Quadratic.Parameters();
        using var opt = torch.optim.SGD([x, y], lr: 0.1);
        Quadratic.Loss(x, y).backward();
        opt.zero_grad();
        Assert.Null(x.grad);
        Assert.Null(y.grad);
    }

    [Fact]
    public void ZeroGrad_Zeroing_KeepsZeroGradients()
    {
        var (x, y) = Quadratic.Parameters();
        using var opt = torch.optim.SGD([x, y], lr: 0.1);
        Quadratic.Loss(x, y).backward();
        opt.zero_grad(set_to_none: false);
        Assert.All(x.grad!.ToArray<double>(), v => Assert.Equal(0.0, v));
        Assert.All(y.grad!.ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftUntouchedAndKeepsNoState()
    {
        var (x, y) = Quadratic.Parameters();
        var frozen = torch.ones(3).requires_grad_();
        using var opt = torch.optim.AdamW([x, y, frozen], lr: 0.1);
        Quadratic.Loss(x, y).backward();
        opt.step();
        opt.step();
        Assert.Equal([1.0f, 1.0f, 1.0f], frozen.ToArray<float>());
        Assert.Null(opt.state(frozen, "exp_avg"));
        Assert.Equal(0, opt.state_step(frozen));
        Assert.Equal(2, opt.state_step(x));
    }

    [Fact]
    public void State_AdamFirstStep_HoldsFirstAndSecondMoments()
    {
        var p = torch.tensor<double>([2.0]).requires_grad_();
        using var opt = torch.optim.Adam([p], lr: 0.1, beta1: 0.9, beta2: 0.99);
        (p * p).sum().backward();
        opt.step();
        // grad = 4: exp_avg = 0.1·4, exp_avg_sq = 0.01·16.
        Assert.Equal(0.4, opt.state(p, "exp_avg")!.item<double>(), 12);
        Assert.Equal(0.16, opt.state(p, "exp_avg_sq")!.item<double>(), 12);
        Assert.Null(opt.state(p, "max_exp_avg_sq"));
        Assert.Throws<ArgumentException>(() => opt.state(p, "momentum_buffer"));
        Assert.Throws<ArgumentException>(() => opt.state(torch.zeros(1), "exp_avg"));
    }

    [Fact]
    public void SchedulerEdits_LearningRate_TakeEffectOnNextStep()
    {
        var p = torch.tensor<double>([1.0]).requires_grad_();
        using var opt = torch.optim.SGD([p], lr: 0.1);
        opt.param_groups[0].LearningRate = 0.5;
        (p * 3.0).sum().backward();
        opt.step();
        Assert.Equal(1.0 - (0.5 * 3.0), p.item<double>(), 15);
    }

    [Fact]
    public void AddParamGroup_DuplicateOrNonLeaf_Throws()
    {
        var (x, y) = Quadratic.Parameters();
        using var opt = torch.optim.SGD([x], lr: 0.1);
        Assert.Throws<ArgumentException>(() => opt.add_param_group(new ParamGroup([x])));
        Assert.Throws<ArgumentException>(() => opt.add_param_group(new ParamGroup([y * 2.0])));
        Assert.Throws<ArgumentException>(() => opt.add_param_group(new ParamGroup([])));
        opt.add_param_group(new ParamGroup([y], lr: 0.3));
        Assert.Equal([0.1, 0.3], opt.param_groups.Select(g => g.LearningRate));
        Assert.Equal([0.0, 0.0], opt.param_groups.Select(g => g.WeightDecay));
    }

    [Fact]
    public void Constructors_InvalidHyperParameters_Throw()
    {
        var (x, _) = Quadratic.Parameters();
        Assert.Throws<ArgumentException>(() => torch.optim.SGD(Array.Empty<Tensor>(), lr: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.SGD([x], lr: -1));
        Assert.Throws<ArgumentException>(() => torch.optim.SGD([x], lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.Adam([x], beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.AdamW([x], eps: -1e-8));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.optim.AdamW([x], weight_decay: double.NaN));
    }

}
