using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;

namespace FedUnlearn.Torch.Tests;

[Collection(SerialCollection.Name)]
public sealed class RuntimeTests
{
    [Fact]
    public void SetNumThreads_ChangesLibtorchIntraOpThreads()
    {
        var original = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(original);
        }

        Assert.Equal(original, torch.get_num_threads());
    }

    [Fact]
    public void Init_PinsOpenBlasToOneThread_UnlessTheUserChose()
    {
        // scripts/prereqs.sh installs libopenblas0-pthread, the BLAS libtorch then loads.
        Assert.Equal(Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null, torch.blas_single_threaded);
    }

    [Fact]
    public void Device_ParseAndToString_RoundTrip()
    {
        Assert.Equal(Device.CPU, Device.Parse("CPU"));
        Assert.Equal(new Device(DeviceType.CUDA, 1), Device.Parse("cuda:1"));
        Assert.Equal("cuda:1", Device.Parse("cuda:1").ToString());
        Assert.Equal("cuda", new Device(DeviceType.CUDA).ToString());
        Assert.Equal("cpu", Device.CPU.ToString());
    }

    [Fact]
    public void GradCheck_DetectsAWrongGradient()
    {
        // x * detach(x) has the true derivative 2x, but backward sees only x: the checker must object.
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<double>([0.5, -1.5], requiresGrad: true);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Check(t => t[0] * t[0].detach(), [x]));
    }

    [Fact]
    public void ToString_ShowsShapeDtypeDevice()
    {
        using var t = torch.zeros([2, 3], torch.int64);
        Assert.Equal("Tensor[2, 3] Int64 cpu", t.ToString());
    }
}
