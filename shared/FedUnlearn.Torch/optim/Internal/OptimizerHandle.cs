using System.Runtime.InteropServices;
using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>Owns one native optimizer state (parameters, moments, step counts).</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    public OptimizerHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal OptimizerHandle(IntPtr native)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(native);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.fu_optim_free(handle);
        return true;
    }
}
