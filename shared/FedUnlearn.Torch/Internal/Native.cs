using System.Runtime.CompilerServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>P/Invoke entry points of the libtorch shim (native/), one partial file per aspect.</summary>
internal static unsafe partial class Native
{
    /// <summary>libfedunlearn_torch.so, copied next to the assemblies by FedUnlearn.Torch.Native.targets.</summary>
    internal const string Lib = "fedunlearn_torch";

    /// <summary>Whether the shim pinned OpenBLAS to one thread at load (see <c>fu_init</c>).</summary>
    internal static readonly bool BlasPinned;

    // Runs the native init exactly once, before the first call into the shim.
    static Native()
    {
        try
        {
            BlasPinned = fu_init() == 1;
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                "The libtorch shim libfedunlearn_torch.so or libtorch itself could not be loaded. Build FedUnlearn.Torch "
                + "(its MSBuild target builds the shim with CMake and copies it next to the assemblies) and install the "
                + "Debian package libtorch-dev (scripts/prereqs.sh). Loader message: " + e.Message,
                e);
        }
    }

    /// <summary>A handle standing for "no tensor" (optional arguments): passes a null pointer.</summary>
    internal static readonly TensorHandle NoTensor = new();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Flag(bool value) => value ? 1 : 0;
}
