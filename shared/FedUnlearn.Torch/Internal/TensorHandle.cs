using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Owns one native <c>at::Tensor*</c>; counts live handles so leak tests can assert on them.</summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long s_live;

    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal TensorHandle(IntPtr native)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(native);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Native tensors currently alive (created and not yet freed), across all threads.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.fu_tensor_free(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }
}
