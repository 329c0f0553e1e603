using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>
/// The libtorch API, shaped like TorchSharp / PyTorch: <c>torch.zeros(2, 3)</c>, <c>torch.matmul(a, b)</c>,
/// <c>torch.nn.functional.relu(x)</c>. This file: runtime settings, seeding, gradient mode, dispose scopes.
/// </summary>
public static partial class torch
{
    /// <summary>32-bit float.</summary>
    public const ScalarType float32 = ScalarType.Float32;

    /// <summary>64-bit float.</summary>
    public const ScalarType float64 = ScalarType.Float64;

    /// <summary>64-bit integer.</summary>
    public const ScalarType int64 = ScalarType.Int64;

    /// <summary>32-bit integer.</summary>
    public const ScalarType int32 = ScalarType.Int32;

    /// <summary>Boolean.</summary>
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>Unsigned byte.</summary>
    public const ScalarType uint8 = ScalarType.Byte;

    /// <summary>
    /// Seeds libtorch's CPU and CUDA generators (and selects deterministic cuDNN kernels): after the
    /// same seed, the same sequence of operations with the same thread count gives bit-identical results on CPU.
    /// </summary>
    public static void manual_seed(long seed) => NativeError.Check(Native.fu_manual_seed(unchecked((ulong)seed)));

    /// <summary>Sets libtorch's intra-op thread count (its OpenMP pool). BLAS stays single-threaded; see README.</summary>
    public static void set_num_threads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        NativeError.Check(Native.fu_set_num_threads(threads));
    }

    /// <summary>libtorch's intra-op thread count.</summary>
    public static int get_num_threads() => Native.fu_get_num_threads();

    /// <summary>Whether the shim pinned OpenBLAS to one thread when it loaded (false when OPENBLAS_NUM_THREADS was set or another BLAS is in use).</summary>
    public static bool blas_single_threaded => Native.BlasPinned;

    /// <summary>Disables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope no_grad() => new(enabled: false);

    /// <summary>Enables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope enable_grad() => new(enabled: true);

    /// <summary>Sets gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope set_grad_enabled(bool enabled) => new(enabled);

    /// <summary>Whether operations on this thread are recorded for autograd.</summary>
    public static bool is_grad_enabled() => Native.fu_grad_enabled() != 0;

    /// <summary>Starts a dispose scope on this thread: tensors created until it is disposed are freed with it.</summary>
    public static DisposeScope NewDisposeScope() => new();
}
