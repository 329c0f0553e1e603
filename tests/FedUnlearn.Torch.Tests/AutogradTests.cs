using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests;

public sealed class AutogradTests
{
    [Fact]
    public void Backward_OnScalarLoss_FillsLeafGradients()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor<double>([1, 2, 3], requiresGrad: true);
        var x = torch.tensor<double>([4, 5, 6]);
        var loss = (w * x).sum() + w.pow(2).sum();
        loss.backward();
        // d/dw (w·x + |w|²) = x + 2w
        Assert.Equal([6.0, 9, 12], w.grad!.ToArray<double>());
        Assert.Null(x.grad);
        Assert.True(loss.has_grad_fn);
        Assert.False(loss.is_leaf);
    }

    [Fact]
    public void Backward_Twice_AccumulatesUntilZeroGrad()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor<double>([1, -1], requiresGrad: true);
        (w * 3).sum().backward();
        (w * 3).sum().backward();
        Assert.Equal([6.0, 6], w.grad!.ToArray<double>());
        w.zero_grad(setToNone: false);
        Assert.Equal([0.0, 0], w.grad!.ToArray<double>());
        w.zero_grad();
        Assert.Null(w.grad);
    }

    [Fact]
    public void Backward_WithGradientTensor_ForNonScalarOutput()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor<double>([1, 2], requiresGrad: true);
        var y = w * w;
        y.backward(torch.tensor<double>([1, 10]));
        Assert.Equal([2.0, 40], w.grad!.ToArray<double>());
    }

    [Fact]
    public void NoGrad_StopsRecording_AndRestoresPreviousMode()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requiresGrad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            var y = w * 2;
            Assert.False(y.requires_grad);
            using (torch.enable_grad())
            {
                Assert.True((w * 2).requires_grad);
            }

            Assert.False(torch.is_grad_enabled());
            w.sub_(torch.ones([2]), alpha: 0.5);
        }

        Assert.True(torch.is_grad_enabled());
        Assert.True((w * 2).requires_grad);
        Assert.Equal([0.5f, 0.5f], w.ToArray<float>());
    }

    [Fact]
    public void InPlaceOnLeafRequiringGrad_OutsideNoGrad_ThrowsTorchException()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requiresGrad: true);
        var ex = Assert.Throws<TorchException>(() => w.add_(1.0));
        Assert.Contains("leaf Variable that requires grad", ex.Message);
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requiresGrad: true);
        var d = (w * 2).detach();
        Assert.False(d.requires_grad);
        Assert.Equal([2f, 2f], d.ToArray<float>());
    }

    [Fact]
    public void AutogradGrad_ReturnsGradientsWithoutAccumulating()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<double>([3], requiresGrad: true);
        var y = x.pow(3).sum();
        var grads = torch.autograd.grad([y], [x], createGraph: true);
        Assert.Equal(27.0, grads[0]!.item<double>());
        Assert.Null(x.grad);
        var second = torch.autograd.grad([grads[0]!.sum()], [x]);
        Assert.Equal(18.0, second[0]!.item<double>());
    }

    [Fact]
    public void RequiresGrad_CanBeSetOnLeaves()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.zeros(3);
        Assert.False(w.requires_grad);
        w.requires_grad_();
        Assert.True(w.requires_grad);
        w.requires_grad = false;
        Assert.False(w.requires_grad);
    }
}
