using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Process-wide runtime: errors, init, seeding, threads, CUDA, handle lifetime.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_last_error();

    [LibraryImport(Lib)]
    internal static partial void fu_tensor_free(IntPtr h);

    [LibraryImport(Lib)]
    internal static partial int fu_init();

    [LibraryImport(Lib)]
    internal static partial int fu_manual_seed(ulong seed);

    [LibraryImport(Lib)]
    internal static partial int fu_set_num_threads(int n);

    [LibraryImport(Lib)]
    internal static partial int fu_get_num_threads();

    [LibraryImport(Lib)]
    internal static partial int fu_cuda_is_available();

    [LibraryImport(Lib)]
    internal static partial int fu_cuda_device_count();

    [LibraryImport(Lib)]
    internal static partial int fu_cuda_synchronize(int deviceIndex);
}
