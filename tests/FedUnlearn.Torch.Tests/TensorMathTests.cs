using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;

namespace FedUnlearn.Torch.Tests;

public sealed class TensorMathTests
{
    [Fact]
    public void AddSub_Int64WithAlpha_StaysExactInt64()
    {
        using var a = torch.tensor(new long[] { 1, 2, 3 });
        using var b = torch.tensor(new long[] { 10, 20, 30 });
        using var sum = a.add(b);
        using var scaled = a.sub(b, alpha: 2);

        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(new long[] { 11, 22, 33 }, sum.ToArray<long>());
        Assert.Equal(new long[] { -19, -38, -57 }, scaled.ToArray<long>());
        a.add_(b, 3);
        Assert.Equal(new long[] { 31, 62, 93 }, a.ToArray<long>());
    }

    [Fact]
    public void Operators_BroadcastRowAgainstMatrix()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        var b = torch.tensor<float>([10, 20, 30]);
        Assert.Equal([11f, 22, 33, 14, 25, 36], (a + b).ToArray<float>());
        Assert.Equal([-9f, -18, -27, -6, -15, -24], (a - b).ToArray<float>());
        Assert.Equal([10f, 40, 90, 40, 100, 180], (a * b).ToArray<float>());
        Assert.Equal([0.1f, 0.1f, 0.1f, 0.4f, 0.25f, 0.2f], (a / b).ToArray<float>());
        Assert.Equal([-1f, -2, -3, -4, -5, -6], (-a).ToArray<float>());
    }

    [Fact]
    public void ScalarOperators_BothSides()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor<float>([1, 2, 4]);
        Assert.Equal([3f, 4, 6], (a + 2.0).ToArray<float>());
        Assert.Equal([1f, 0, -2], (2.0 - a).ToArray<float>());
        Assert.Equal([0.5f, 1, 2], (a * 0.5).ToArray<float>());
        Assert.Equal([4f, 2, 1], (4.0 / a).ToArray<float>());
        Assert.Equal([1f, 4, 16], a.pow(2).ToArray<float>());
    }

    [Fact]
    public void IntegerScalars_KeepInt64Dtype()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor<long>([1, 2, 3]);
        var b = a + 1;
        var c = a * 2.5;
        Assert.Equal(ScalarType.Int64, b.dtype);
        Assert.Equal([2L, 3, 4], b.ToArray<long>());
        Assert.Equal(ScalarType.Float32, c.dtype);
    }

    [Fact]
    public void UnaryFunctions_MatchMath()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<double>([-1.5, 0.25, 2]);
        Assert.Equal([Math.Exp(-1.5), Math.Exp(0.25), Math.Exp(2)], x.exp().ToArray<double>());
        Assert.Equal([1.5, 0.25, 2], x.abs().ToArray<double>());
        Assert.Equal([0, 0.25, 2], x.relu().ToArray<double>());
        Assert.Equal([Math.Tanh(-1.5), Math.Tanh(0.25), Math.Tanh(2)], x.tanh().ToArray<double>(), new Tol(1e-15));
        Assert.Equal([1 / (1 + Math.Exp(1.5)), 1 / (1 + Math.Exp(-0.25)), 1 / (1 + Math.Exp(-2))], x.sigmoid().ToArray<double>(), new Tol(1e-15));
        Assert.Equal([0.5, Math.Sqrt(2)], x.abs().narrow(0, 1, 2).sqrt().ToArray<double>());
        Assert.Equal([-1, 0.25, 1], x.clamp(-1, 1).ToArray<double>());
    }

    [Fact]
    public void Comparisons_GiveBoolMasks_AndWhereSelects()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor<float>([1, 5, 3]);
        var b = torch.tensor<float>([2, 5, 1]);
        Assert.Equal([false, true, false], a.eq(b).ToArray<bool>());
        Assert.Equal([true, false, true], a.ne(b).ToArray<bool>());
        Assert.Equal([true, false, false], a.lt(b).ToArray<bool>());
        Assert.Equal([true, true, false], a.le(b).ToArray<bool>());
        Assert.Equal([false, false, true], a.gt(b).ToArray<bool>());
        Assert.Equal([false, true, true], a.ge(b).ToArray<bool>());
        Assert.Equal([false, true, true], a.gt(2.0).ToArray<bool>());
        Assert.Equal([2f, 5, 3], torch.where(a.gt(b), a, b).ToArray<float>());
        Assert.Equal([1f, -1, -1], a.masked_fill(a.gt(2.0), -1).ToArray<float>());
    }

    [Fact]
    public void Matmul_MatchesHandComputedProduct()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        var b = torch.tensor<float>([7, 8, 9, 10, 11, 12], [3, 2]);
        Assert.Equal([58f, 64, 139, 154], torch.matmul(a, b).ToArray<float>());
        Assert.Equal([58f, 64, 139, 154], a.mm(b).ToArray<float>());
        var batched = torch.stack([a, a]).bmm(torch.stack([b, b]));
        Assert.Equal([2L, 2, 2], batched.shape);
        Assert.Equal([58f, 64, 139, 154, 58, 64, 139, 154], batched.ToArray<float>());
    }

    [Fact]
    public void InPlaceOptimizerOps_UpdateThisTensor()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.tensor<double>([1, 2]);
        var g = torch.tensor<double>([0.5, -1]);
        Assert.Same(p, p.add_(g, alpha: -0.1));
        Assert.Equal([0.95, 2.1], p.ToArray<double>(), new Tol(1e-15));
        p.mul_(2).sub_(1);
        Assert.Equal([0.9, 3.2], p.ToArray<double>(), new Tol(1e-15));
        var v = torch.zeros([2], torch.float64);
        v.addcmul_(g, g, 0.5);
        Assert.Equal([0.125, 0.5], v.ToArray<double>());
        var m = torch.zeros([2], torch.float64);
        m.lerp_(g, 0.1);
        Assert.Equal([0.05, -0.1], m.ToArray<double>(), new Tol(1e-15));
        var denom = v.sqrt().add_(1e-8);
        p.addcdiv_(m, denom, -1);
        Assert.Equal([0.9 - (0.05 / (Math.Sqrt(0.125) + 1e-8)), 3.2 + (0.1 / (Math.Sqrt(0.5) + 1e-8))], p.ToArray<double>(), new Tol(1e-12));
        p.zero_();
        Assert.Equal([0.0, 0.0], p.ToArray<double>());
        p.fill_(3).copy_(g);
        Assert.Equal([0.5, -1], p.ToArray<double>());
        p.clamp_(0, null);
        Assert.Equal([0.5, 0], p.ToArray<double>());
    }
}
