using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.Support;

/// <summary>A fact about behaviour without a GPU; reported Skipped where CUDA is available.</summary>
public sealed class CpuOnlyFactAttribute : FactAttribute
{
    public CpuOnlyFactAttribute()
    {
        if (torch.cuda.is_available())
        {
            Skip = "CUDA is available; this fact checks the CPU-only behaviour.";
        }
    }
}
