using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests;

public sealed class TensorShapeTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    // [[0, 1, 2], [3, 4, 5]]
    private readonly Tensor _x = torch.arange(6).reshape(2, 3);

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void ReshapeViewFlatten_KeepRowMajorOrder()
    {
        Assert.Equal([3L, 2], _x.reshape(3, -1).shape);
        Assert.Equal([0L, 1, 2, 3, 4, 5], _x.view(6).ToArray<long>());
        Assert.Equal([6L], _x.flatten().shape);
        Assert.Equal([2L, 6], torch.zeros(2, 3, 2).flatten(1).shape);
    }

    [Fact]
    public void TransposePermute_ReorderElements()
    {
        Assert.Equal([0L, 3, 1, 4, 2, 5], _x.t().contiguous().ToArray<long>());
        Assert.False(_x.t().is_contiguous());
        Assert.Equal([3L, 1, 2], torch.zeros(1, 2, 3).permute(2, 0, 1).shape);
        Assert.Equal([1L, 3], _x.t().stride());
    }

    [Fact]
    public void CatStack_JoinAlongDims()
    {
        Assert.Equal([0L, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], torch.cat([_x, _x]).ToArray<long>());
        Assert.Equal([2L, 6], torch.cat([_x, _x], 1).shape);
        Assert.Equal([0L, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], torch.cat([_x, _x], 1).ToArray<long>());
        Assert.Equal([2L, 2, 3], torch.stack([_x, _x], 1).shape);
    }

    [Fact]
    public void NarrowSliceSelect_AreViewsOfTheRightElements()
    {
        Assert.Equal([1L, 2, 4, 5], _x.narrow(1, 1, 2).ToArray<long>());
        Assert.Equal([0L, 2, 3, 5], _x.slice(1, 0, 3, 2).ToArray<long>());
        Assert.Equal([3L, 4, 5], _x.select(0, 1).ToArray<long>());
        Assert.Equal([2L, 5], _x.select(1, -1).ToArray<long>());
        var y = torch.zeros(2, 3);
        y.narrow(1, 0, 1).fill_(7);
        Assert.Equal([7f, 0, 0, 7, 0, 0], y.ToArray<float>());
    }

    [Fact]
    public void IndexSelectGatherScatter_PickByIndex()
    {
        Assert.Equal([3L, 4, 5, 0, 1, 2], _x.index_select(0, torch.tensor<long>([1, 0])).ToArray<long>());
        Assert.Equal([2L, 0, 4, 4], _x.gather(1, torch.tensor<long>([2, 0, 1, 1], [2, 2])).ToArray<long>());
        var s = torch.zeros(2, 3).scatter(1, torch.tensor<long>([2, 0], [2, 1]), torch.ones(2, 1));
        Assert.Equal([0f, 0, 1, 1, 0, 0], s.ToArray<float>());
        var acc = torch.zeros(3).index_add_(0, torch.tensor<long>([0, 2, 0]), torch.tensor<float>([1, 2, 3]));
        Assert.Equal([4f, 0, 2], acc.ToArray<float>());
        Assert.Equal([1L, 3, 5], _x.masked_select(_x.remainder(2).eq(1.0)).ToArray<long>());
    }

    [Fact]
    public void SqueezeUnsqueezeExpandRepeat_ChangeShapes()
    {
        var a = torch.zeros(1, 3, 1);
        Assert.Equal([3L], a.squeeze().shape);
        Assert.Equal([3L, 1], a.squeeze(0).shape);
        Assert.Equal([1L, 3, 1], a.squeeze(1).shape);
        Assert.Equal([2L, 1, 3], _x.unsqueeze(1).shape);
        Assert.Equal([0L, 1, 2, 0, 1, 2], torch.arange(3).expand(2, 3).ToArray<long>());
        Assert.Equal([0L, 1, 0, 1, 0, 1], torch.arange(2).repeat(3).ToArray<long>());
        Assert.Equal([2L, 1, 0, 5, 4, 3], _x.flip(1).ToArray<long>());
    }

    [Fact]
    public void SplitChunkTrilTriu_MatchPyTorch()
    {
        var parts = torch.arange(5).split(2);
        Assert.Equal([2L, 2, 1], parts.Select(p => p.size(0)));
        Assert.Equal([4L], parts[2].ToArray<long>());
        Assert.Equal(3, torch.arange(6).chunk(3).Length);
        var m = torch.ones(3, 3);
        Assert.Equal([1f, 0, 0, 1, 1, 0, 1, 1, 1], m.tril().ToArray<float>());
        Assert.Equal([0f, 1, 1, 0, 0, 1, 0, 0, 0], m.triu(1).ToArray<float>());
    }

    [Fact]
    public void SizeAndDim_ReportTheShape()
    {
        Assert.Equal(3, _x.size(-1));
        Assert.Equal(2, _x.size(0));
        Assert.Equal(2, _x.ndim);
        var big = torch.zeros(1, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        Assert.Equal(10, big.shape.Length);
        Assert.Equal(2, big.size(9));
    }
}
