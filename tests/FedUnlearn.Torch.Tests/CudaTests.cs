using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests;

public sealed class CudaTests
{
    [CudaFact]
    public void ToCuda_RoundTripsValues_AndReportsDevice()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor<float>([1, 2, 3]).to(Device.CUDA);
        Assert.Equal(DeviceType.CUDA, x.device.Type);
        Assert.Equal(Device.CUDA, Device.Best);
        Assert.Equal([2f, 4, 6], (x * 2.0).cpu().ToArray<float>());
        Assert.Equal([1f, 2, 3], x.ToArray<float>());
    }

    [CudaFact]
    public void TrainingStepOnCuda_MatchesCpu()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var xCpu = torch.randn(4, 3);
        var wCpu = torch.randn([3, 2], requiresGrad: true);
        var wGpu = wCpu.detach().to(Device.CUDA).requires_grad_();
        var target = torch.tensor<long>([0, 1, 1, 0]);
        F.cross_entropy(xCpu.matmul(wCpu), target).backward();
        F.cross_entropy(xCpu.to(Device.CUDA).matmul(wGpu), target.to(Device.CUDA)).backward();
        Assert.True(wGpu.grad!.cpu().allclose(wCpu.grad!, rtol: 1e-4, atol: 1e-5));
        Assert.Equal(Device.CUDA, torch.zeros([1], device: Device.CUDA).device);
    }

    [CpuOnlyFact]
    public void CudaRequest_WithoutGpu_ThrowsTorchException()
    {
        Assert.False(torch.cuda.is_available());
        Assert.Equal(0, torch.cuda.device_count());
        Assert.Equal(Device.CPU, Device.Best);
        Assert.Throws<TorchException>(() => torch.zeros([2], device: Device.CUDA));
        using var x = torch.zeros(2);
        Assert.Throws<TorchException>(() => x.to(Device.CUDA));
    }
}
