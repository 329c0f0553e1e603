using FedUnlearn.Torch.Internal;
using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>Gradient clipping over the optimizer's own parameters (no per-call handle marshalling).</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// <c>torch.nn.utils.clip_grad_norm_</c> over every parameter of this optimizer: scales the
    /// gradients so their global norm is at most <paramref name="max_norm"/> and returns the norm
    /// before clipping.
    /// </summary>
    public double clip_grad_norm_(double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
    {
        ClipChecks.Check(max_norm, norm_type);
        NativeError.Check(Native.fu_optim_clip_grad_norm(NativeState, max_norm, norm_type, Native.Flag(error_if_nonfinite), out var total));
        return total;
    }
}
