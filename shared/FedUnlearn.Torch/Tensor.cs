using System.Runtime.CompilerServices;
using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>
/// An n-dimensional array in libtorch, with autograd. Owns one native tensor through a
/// <see cref="System.Runtime.InteropServices.SafeHandle"/>: dispose it (or let a
/// <see cref="DisposeScope"/> do it) to free native memory promptly; the GC frees it otherwise.
/// Operations return new tensors; methods ending in <c>_</c> update this tensor in place and return it.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;

    private Tensor(IntPtr native)
    {
        _handle = new TensorHandle(native);
        DisposeScope.Current?.Attach(this);
    }

    /// <summary>Native tensors alive right now across the process (for leak checks).</summary>
    public static long LiveCount => TensorHandle.Live;

    /// <summary>Whether this tensor was disposed (by <see cref="Dispose"/> or its dispose scope).</summary>
    public bool IsDisposed => _handle.IsClosed;

    /// <summary>The dispose scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? Scope { get; set; }

    /// <summary>The live native handle; throws a clear <see cref="ObjectDisposedException"/> after disposal.</summary>
    internal TensorHandle Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_handle.IsClosed)
            {
                ThrowDisposed();
            }

            return _handle;
        }
    }

    /// <summary>Frees the native tensor now. Idempotent.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Wraps a native result, throwing <see cref="TorchException"/> when the shim reported failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Tensor Wrap(IntPtr native) => new(NativeError.Check(native));

    /// <summary>Wraps a native handle that may be null (e.g. an undefined gradient).</summary>
    internal static Tensor? WrapOrNull(IntPtr native) => native == IntPtr.Zero ? null : new Tensor(native);

    /// <summary>Shape, dtype and device, e.g. <c>Tensor[2, 3] Float32 cpu</c>; values are not printed.</summary>
    public override string ToString() =>
        IsDisposed ? "Tensor (disposed)" : $"Tensor[{string.Join(", ", shape)}] {dtype} {device}";

    private static void ThrowDisposed() =>
        throw new ObjectDisposedException(
            nameof(Tensor),
            "This tensor was disposed (by Dispose() or by the dispose scope it was created in) and can no longer be used. "
            + "Keep a tensor beyond its scope with MoveToOuterDisposeScope() or DetachFromDisposeScope().");
}
