using FedUnlearn.Torch;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests;

/// <summary>Bad input gets an exception naming the problem, and the process carries on.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void Add_ShapeMismatch_ThrowsTorchExceptionWithLibtorchMessage()
    {
        var ex = Assert.Throws<TorchException>(() => torch.zeros(2, 3) + torch.zeros(4));
        Assert.Contains("must match the size of tensor b (4)", ex.Message);
        Assert.DoesNotContain("frame #", ex.Message);
    }

    [Fact]
    public void Matmul_InnerDimsDiffer_Throws()
    {
        var ex = Assert.Throws<TorchException>(() => torch.matmul(torch.zeros(2, 3), torch.zeros(4, 5)));
        Assert.Contains("cannot be multiplied (2x3 and 4x5)", ex.Message);
    }

    [Fact]
    public void WrongDtypes_Throw()
    {
        Assert.Contains("int64", Assert.Throws<TorchException>(() => torch.zeros(3).index_select(0, torch.zeros(1))).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Long", Assert.Throws<TorchException>(() => F.embedding(torch.zeros(2), torch.zeros(3, 2))).Message);
        Assert.Contains("leaf", Assert.Throws<TorchException>(() => torch.ones([1], requiresGrad: true).mul_(2)).Message);
        var export = Assert.Throws<ArgumentException>(() => torch.zeros(2).ToArray<double>());
        Assert.Contains("does not match the tensor's dtype Float32", export.Message);
        Assert.Throws<ArgumentException>(() => torch.zeros([2], (ScalarType)99));
    }

    [Fact]
    public void IndexOutOfRange_Throws()
    {
        var x = torch.zeros(3, 2);
        Assert.Contains("out of range", Assert.Throws<TorchException>(() => x.index_select(0, torch.tensor<long>([5]))).Message);
        Assert.Contains("out of bounds", Assert.Throws<TorchException>(() => x.gather(1, torch.tensor<long>([0, 7, 0, 0, 0, 0], [3, 2]))).Message);
        Assert.Contains("out of range", Assert.Throws<TorchException>(() => x.select(0, 3)).Message);
        Assert.Contains("out of range", Assert.Throws<TorchException>(() => x.sum(4)).Message);
        Assert.Contains("out of range", Assert.Throws<TorchException>(() => F.embedding(torch.tensor<long>([9]), x)).Message);
        Assert.Contains("out of bounds", Assert.Throws<TorchException>(() => F.cross_entropy(x, torch.tensor<long>([0, 2, 1]))).Message);
        Assert.Contains("out of bounds", Assert.Throws<TorchException>(() => torch.zeros(2, 2).scatter(1, torch.tensor<long>([3, 0], [2, 1]), torch.ones(2, 1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.size(2));
    }

    [Fact]
    public void DataLengthNotMatchingShape_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => torch.tensor<float>([1, 2, 3], [2, 2]));
        Assert.Contains("holds 3 elements but shape [2, 2] needs 4", ex.Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => torch.tensor<float>([1], [-1, -1])).Message);
        Assert.Contains("has 4", Assert.Throws<ArgumentException>(() => torch.zeros(2, 2).CopyFrom<float>([1, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => torch.zeros(2).CopyTo<float>(new float[3]));
        Assert.Contains("invalid for input of size 6", Assert.Throws<TorchException>(() => torch.zeros(2, 3).reshape(5)).Message);
        Assert.Contains("negative dimension", Assert.Throws<TorchException>(() => torch.zeros(2, -1)).Message);
    }

    [Fact]
    public void AutogradMisuse_Throws()
    {
        var w = torch.ones([2], requiresGrad: true);
        Assert.Contains("scalar outputs", Assert.Throws<TorchException>(() => (w * 2).backward()).Message);
        Assert.Contains("does not require grad", Assert.Throws<TorchException>(() => torch.ones(1).sum().backward()).Message);
        var y = (w * w).sum();
        y.backward();
        Assert.Contains("second time", Assert.Throws<TorchException>(() => y.backward()).Message);
        Assert.Contains("leaf", Assert.Throws<TorchException>(() => (w * 2).requires_grad = false).Message);
    }

    [Fact]
    public void OtherMisuse_ThrowsWithoutCrashing()
    {
        Assert.Contains("elements cannot be converted to Scalar", Assert.Throws<TorchException>(() => torch.zeros(2).item<float>()).Message);
        Assert.Contains("view size is not compatible", Assert.Throws<TorchException>(() => torch.zeros(2, 3).t().view(6)).Message);
        Assert.Contains("non-empty", Assert.Throws<TorchException>(() => torch.cat([])).Message);
        Assert.Throws<ArgumentException>(() => torch.cat([torch.zeros(1), null!]));
        Assert.Contains("ZeroDivisionError", Assert.Throws<TorchException>(() => torch.tensor<long>([1, 2]).remainder(0)).Message);
        Assert.Contains("ZeroDivisionError", Assert.Throws<TorchException>(() => torch.tensor<long>([1, 2]).floor_divide(torch.zeros([2], torch.int64))).Message);
        Assert.Contains("channels", Assert.Throws<TorchException>(() => F.conv2d(torch.zeros(1, 3, 4, 4), torch.zeros(2, 2, 3, 3))).Message);
        Assert.Throws<TorchException>(() => F.max_pool2d(torch.zeros(1, 1, 2, 2), 3));
        Assert.Throws<TorchException>(() => F.layer_norm(torch.zeros(2, 3), [4]));
        Assert.Contains("is_causal", Assert.Throws<TorchException>(() => F.scaled_dot_product_attention(torch.zeros(2, 2), torch.zeros(2, 2), torch.zeros(2, 2), torch.ones(2, 2), isCausal: true)).Message);
        Assert.Throws<TorchException>(() => torch.randint(5, 5, [2]));
        Assert.Throws<TorchException>(() => torch.multinomial(torch.tensor<float>([-1, 2]), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(torch.zeros(2), 1.5));
        Assert.Throws<ArgumentException>(() => F.cross_entropy(torch.zeros(2, 2), torch.zeros([2], torch.int64), reduction: Reduction.BatchMean));
        Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
        Assert.Throws<ArgumentException>(() => new Device((DeviceType)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
    }
}
