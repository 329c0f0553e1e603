using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    /// <summary>CUDA queries; all false/zero with a CPU-only libtorch.</summary>
    public static class cuda
    {
        /// <summary>Whether a CUDA build of libtorch sees at least one GPU.</summary>
        public static bool is_available() => Native.fu_cuda_is_available() != 0;

        /// <summary>The number of visible GPUs.</summary>
        public static int device_count() => Native.fu_cuda_device_count();

        /// <summary>Waits for all queued work on a GPU (-1: the current one).</summary>
        public static void synchronize(int device = -1) => NativeError.Check(Native.fu_cuda_synchronize(device));
    }
}
