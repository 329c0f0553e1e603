using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests;

public sealed class TensorReduceTests
{
    [Fact]
    public void SumAndMean_OverAllAndOverDims()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal(21f, x.sum().item<float>());
        Assert.Equal(3.5f, x.mean().item<float>());
        Assert.Equal([5f, 7, 9], x.sum(0).ToArray<float>());
        Assert.Equal([2f, 5], x.mean(1).ToArray<float>());
        Assert.Equal([2L, 1], x.mean(1, keepdim: true).shape);
        Assert.Equal(21f, x.sum([0, 1]).item<float>());
        Assert.Equal([6f, 15], x.sum(-1).ToArray<float>());
    }

    [Fact]
    public void MaxMinArgmax_ReturnValuesAndIndices()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<float>([3, 9, 1, 4, 2, 8], [2, 3]);
        Assert.Equal(9f, x.max().item<float>());
        Assert.Equal(1f, x.min().item<float>());
        var (values, indices) = x.max(1);
        Assert.Equal([9f, 8], values.ToArray<float>());
        Assert.Equal([1L, 2], indices.ToArray<long>());
        var (minValues, minIndices) = x.min(0, keepdim: true);
        Assert.Equal([1L, 3], minValues.shape);
        Assert.Equal([3f, 2, 1], minValues.ToArray<float>());
        Assert.Equal([0L, 1, 0], minIndices.ToArray<long>());
        Assert.Equal(1L, x.argmax().item<long>());
        Assert.Equal([1L, 2], x.argmax(1).ToArray<long>());
        Assert.Equal([2L, 1], x.argmin(1).ToArray<long>());
        Assert.Equal([9f, 8], x.amax([1]).ToArray<float>());
    }

    [Fact]
    public void NormVarStdLogSumExp_MatchHandComputedValues()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<double>([3, 4]);
        Assert.Equal(5.0, x.norm().item<double>(), 12);
        Assert.Equal(7.0, x.norm(1).item<double>(), 12);
        Assert.Equal(0.5, x.var().item<double>(), 12);
        Assert.Equal(0.25, x.var(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(0.5), x.std().item<double>(), 12);
        Assert.Equal(Math.Log(Math.Exp(3) + Math.Exp(4)), x.logsumexp(0).item<double>(), 12);
        Assert.Equal(12.0, x.prod().item<double>(), 12);
        Assert.Equal([3.0, 7.0], x.cumsum(0).ToArray<double>());
    }

    [Fact]
    public void TopkAndSort_OrderValues()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<float>([0.5f, -3, 2, 1]);
        var (v, i) = x.abs().topk(2);
        Assert.Equal([3f, 2], v.ToArray<float>());
        Assert.Equal([1L, 2], i.ToArray<long>());
        var (sorted, order) = x.sort(descending: true);
        Assert.Equal([2f, 1, 0.5f, -3], sorted.ToArray<float>());
        Assert.Equal([2L, 3, 0, 1], order.ToArray<long>());
    }

    [Fact]
    public void AllAny_OnBoolMasks()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor<bool>([true, false, true, true], [2, 2]);
        Assert.False(m.all().item<bool>());
        Assert.True(m.any().item<bool>());
        Assert.Equal([true, false], m.all(0).ToArray<bool>());
        Assert.Equal(3L, m.sum().item<long>());
    }
}
