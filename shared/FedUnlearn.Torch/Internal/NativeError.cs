using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Turns the shim's failure signals (null handle, non-zero status) into <see cref="TorchException"/>.</summary>
internal static class NativeError
{
    internal static IntPtr Check(IntPtr result)
    {
        if (result == IntPtr.Zero)
        {
            Throw();
        }

        return result;
    }

    internal static void Check(int status)
    {
        if (status != 0)
        {
            Throw();
        }
    }

    [DoesNotReturn]
    internal static void Throw()
    {
        // The message is thread-local in the shim and this runs on the failing call's thread.
        var message = Marshal.PtrToStringUTF8(Native.fu_last_error());
        throw new TorchException(string.IsNullOrEmpty(message) ? "libtorch reported an error without a message" : message);
    }
}
