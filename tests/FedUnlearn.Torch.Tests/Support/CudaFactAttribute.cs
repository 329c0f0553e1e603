using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.Support;

/// <summary>A fact that runs only where libtorch sees a CUDA GPU, and is reported Skipped elsewhere.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
        {
            Skip = "CUDA is not available (CPU-only libtorch or no GPU).";
        }
    }
}
