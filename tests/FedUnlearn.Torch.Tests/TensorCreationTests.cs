using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests;

public sealed class TensorCreationTests
{
    [Fact]
    public void Tensor_FromSpanWithShape_RoundTripsValuesShapeAndDtype()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using var t = torch.tensor(data, [2, 3]);
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(Device.CPU, t.device);
        Assert.Equal(6, t.numel());
        Assert.Equal(2, t.dim());
        Assert.Equal(data, t.ToArray<float>());
    }

    [Fact]
    public void Tensor_FromArray_CopiesSoLaterChangesDoNotLeakIn()
    {
        long[] data = [7, 8, 9];
        using var t = torch.tensor<long>(data);
        data[0] = 100;
        Assert.Equal([7L, 8L, 9L], t.ToArray<long>());
        Assert.Equal(ScalarType.Int64, t.dtype);
    }

    [Fact]
    public void Tensor_BoolAndDoubleData_KeepTheirDtypes()
    {
        using var b = torch.tensor<bool>([true, false, true]);
        using var d = torch.tensor<double>([0.1, 0.2], [2, 1]);
        Assert.Equal(ScalarType.Bool, b.dtype);
        Assert.Equal([true, false, true], b.ToArray<bool>());
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal([0.1, 0.2], d.ToArray<double>());
    }

    [Fact]
    public void Factories_FillAsDocumented()
    {
        using var z = torch.zeros(2, 2);
        using var o = torch.ones([3], torch.int64);
        using var f = torch.full([2], 2.5, torch.float64);
        using var e = torch.eye(2);
        using var s = torch.scalar_tensor(4);
        Assert.Equal(new float[4], z.ToArray<float>());
        Assert.Equal([1L, 1L, 1L], o.ToArray<long>());
        Assert.Equal([2.5, 2.5], f.ToArray<double>());
        Assert.Equal([1f, 0f, 0f, 1f], e.ToArray<float>());
        Assert.Equal(0, s.dim());
        Assert.Equal(4f, s.item<float>());
    }

    [Fact]
    public void Arange_IntegerAndFloatForms_MatchPyTorch()
    {
        using var i = torch.arange(4);
        using var f = torch.arange(0.0, 1.0, 0.25);
        using var l = torch.linspace(0, 1, 5, torch.float64);
        Assert.Equal([0L, 1L, 2L, 3L], i.ToArray<long>());
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], f.ToArray<float>());
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], l.ToArray<double>());
    }

    [Fact]
    public void RandomFactories_RespectRangesAndShapes()
    {
        torch.manual_seed(1);
        using var r = torch.rand(1000);
        using var n = torch.randn([4000], torch.float64);
        using var ri = torch.randint(3, 7, [500]);
        using var p = torch.randperm(10);
        Assert.All(r.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        Assert.InRange(n.mean().item<double>(), -0.1, 0.1);
        Assert.InRange(n.std().item<double>(), 0.9, 1.1);
        Assert.All(ri.ToArray<long>(), v => Assert.InRange(v, 3L, 6L));
        Assert.Equal(Enumerable.Range(0, 10).Select(x => (long)x), p.ToArray<long>().Order());
    }

    [Fact]
    public void LikeFactories_KeepShapeAndDeviceAndOptionallyChangeDtype()
    {
        using var x = torch.zeros([2, 3], torch.float64);
        using var o = torch.ones_like(x);
        using var f = torch.full_like(x, 3, torch.int64);
        Assert.Equal([2L, 3L], o.shape);
        Assert.Equal(ScalarType.Float64, o.dtype);
        Assert.Equal(ScalarType.Int64, f.dtype);
        Assert.All(f.ToArray<long>(), v => Assert.Equal(3L, v));
    }

    [Fact]
    public void To_ConvertsDtype()
    {
        using var x = torch.tensor<float>([1.7f, -2.2f]);
        using var l = x.to(ScalarType.Int64);
        using var d = x.to(ScalarType.Float64);
        Assert.Equal([1L, -2L], l.ToArray<long>());
        Assert.Equal((double)1.7f, d.ToArray<double>()[0]);
    }

    [Fact]
    public void CopyFrom_OverwritesValuesInPlaceEvenOnParameters()
    {
        using var w = torch.zeros([2, 2], requiresGrad: true);
        w.CopyFrom<float>([1, 2, 3, 4]);
        Assert.Equal([1f, 2f, 3f, 4f], w.ToArray<float>());
        Assert.True(w.requires_grad);
        Assert.True(w.is_leaf);
    }

    [Fact]
    public void Bytes_RoundTripAnyDtype()
    {
        using var x = torch.tensor<long>([1, -2, 3], [3, 1]);
        var bytes = new byte[x.nbytes];
        x.CopyBytesTo(bytes);
        Assert.Equal(24, bytes.Length);
        Assert.Equal(8, x.element_size());
        Assert.False(x.is_floating_point());
        using var y = torch.from_bytes(bytes, [3, 1], ScalarType.Int64);
        Assert.True(y.equal(x));
        using var z = torch.zeros([3, 1], torch.int64).CopyBytesFrom(bytes);
        Assert.Equal([1L, -2, 3], z.ToArray<long>());
        Assert.Throws<ArgumentException>(() => torch.from_bytes(bytes, [2], ScalarType.Int64));
        Assert.Throws<ArgumentException>(() => x.CopyBytesTo(new byte[23]));
    }

    [Fact]
    public void EmptyTensors_RoundTrip()
    {
        using var e = torch.tensor<float>([], [0, 3]);
        Assert.Equal([0L, 3], e.shape);
        Assert.Empty(e.ToArray<float>());
        e.CopyFrom<float>([]);
        using var s = e.sum();
        Assert.Equal(0f, s.item<float>());
    }
}
