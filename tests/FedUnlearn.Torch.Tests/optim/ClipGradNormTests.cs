using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>
/// clip_grad_norm_ on the gradients of <see cref="Quadratic"/> at its start point, max_norm 1, against
/// PyTorch 1.13 (optim_reference.py, "clip_*" lines): the returned norm and the clipped gradients
/// (x row-major, then y) are bit-identical, since the same ATen ops run in the same order.
/// </summary>
public sealed class ClipGradNormTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    public static TheoryData<string, double, double[]> Cases => new()
    {
        { "float32", 2.0, [8.233847618103027, 0.06376118957996368, -0.27629849314689636, 0.573850691318512, 0.06376118957996368, -0.003036248032003641, 0.3066609799861908, 0.04250745847821236, -0.6861918568611145, -0.1396673619747162] },
        { "float32", 1.0, [17.75, 0.029577460139989853, -0.1281690150499344, 0.266197144985199, 0.029577460139989853, -0.0014084508875384927, 0.14225351810455322, 0.019718308001756668, -0.31830984354019165, -0.06478872895240784] },
        { "float32", double.PositiveInfinity, [5.650000095367432, 0.09292033314704895, -0.40265482664108276, 0.8362830281257629, 0.09292033314704895, -0.004424779210239649, 0.4469026029109955, 0.061946891248226166, -0.9999998211860657, -0.20353978872299194] },
        { "float64", 2.0, [8.233847824680755, 0.06376119007994485, -0.27629849034642767, 0.5738507107195036, 0.06376119007994484, -0.003036247146664036, 0.3066609618130681, 0.042507460053296565, -0.6861918551460732, -0.13966736874654584] },
        { "float64", 1.0, [17.75, 0.029577463122396442, -0.1281690068637179, 0.26619716810156796, 0.02957746312239644, -0.001408450624876019, 0.14225351311247814, 0.019718308748264298, -0.31830984122198075, -0.06478872874429696] },
        { "float64", double.PositiveInfinity, [5.65, 0.09292033753622345, -0.4026547959903016, 0.8362830378260109, 0.09292033753622343, -0.004424777977915396, 0.4469025757694557, 0.06194689169081563, -0.9999998230088809, -0.2035397869841085] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClipGradNorm_MatchesPyTorchExactly(string dtype, double normType, double[] expected)
    {
        var (x, y) = Quadratic.Parameters(dtype == "float32" ? ScalarType.Float32 : ScalarType.Float64);
        Quadratic.Loss(x, y).backward();
        var total = torch.nn.utils.clip_grad_norm_([x, y], max_norm: 1.0, norm_type: normType);
        double[] actual = [total, .. Grad(x), .. Grad(y)];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ClipGradNorm_OptimizerOverload_EqualsFreeFunction()
    {
        var (x, y) = Quadratic.Parameters();
        var (x2, y2) = Quadratic.Parameters();
        using var opt = torch.optim.SGD([x2, y2], lr: 0.1);
        Quadratic.Loss(x, y).backward();
        Quadratic.Loss(x2, y2).backward();
        Assert.Equal(torch.nn.utils.clip_grad_norm_([x, y], 0.5), opt.clip_grad_norm_(0.5));
        Assert.Equal(Grad(x), Grad(x2));
    }

    [Fact]
    public void ClipGradNorm_BelowMax_LeavesGradientsAlmostUnchanged()
    {
        var p = torch.tensor<double>([3.0, 4.0]).requires_grad_();
        (p * p).sum().backward(); // grad (6, 8), norm 10
        Assert.Equal(10.0, torch.nn.utils.clip_grad_norm_([p], 100.0));
        Assert.Equal([6.0, 8.0], Grad(p));
    }

    [Fact]
    public void ClipGradNorm_NoGradients_ReturnsZero()
    {
        var p = torch.ones(3).requires_grad_();
        Assert.Equal(0.0, torch.nn.utils.clip_grad_norm_([p], 1.0));
        Assert.Null(p.grad);
    }

    [Fact]
    public void ClipGradNorm_NonFiniteWithErrorFlag_Throws()
    {
        var p = torch.tensor<double>([1.0]).requires_grad_();
        (p * double.PositiveInfinity).sum().backward();
        Assert.Throws<TorchException>(() => torch.nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.nn.utils.clip_grad_norm_([p], -1.0));
    }

    private static double[] Grad(Tensor t) => t.grad!.to(ScalarType.Float64).contiguous().ToArray<double>();
}
