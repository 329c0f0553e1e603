using System.Runtime.CompilerServices;
using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies the elements (row-major, from any device) into a new array.</summary>
    /// <typeparam name="T">Must match <see cref="dtype"/> (float for Float32, long for Int64, ...).</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the dtype.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        CheckElementType<T>();
        var n = numel();
        if (n > Array.MaxLength)
        {
            throw new InvalidOperationException($"The tensor has {n} elements, more than a .NET array can hold.");
        }

        var result = new T[n];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements (row-major, from any device) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Wrong element type or a destination length other than <see cref="numel"/>.</exception>
    public unsafe void CopyTo<T>(Span<T> destination)
        where T : unmanaged
    {
        CheckElementType<T>();
        CheckLength(destination.Length, nameof(destination));
        fixed (T* p = destination)
        {
            NativeError.Check(Native.fu_tensor_copy_to(Handle, p, (long)destination.Length * sizeof(T)));
        }
    }

    /// <summary>
    /// Overwrites every element from <paramref name="source"/> (row-major), on whatever device the
    /// tensor lives, without recording autograd history (safe on parameters). Returns this tensor.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong element type or a source length other than <see cref="numel"/>.</exception>
    public unsafe Tensor CopyFrom<T>(ReadOnlySpan<T> source)
        where T : unmanaged
    {
        CheckElementType<T>();
        CheckLength(source.Length, nameof(source));
        fixed (T* p = source)
        {
            NativeError.Check(Native.fu_tensor_copy_from(Handle, p, (long)source.Length * sizeof(T)));
        }

        return this;
    }

    /// <summary>The value of a one-element tensor, converted from its dtype to <typeparamref name="T"/>.</summary>
    /// <exception cref="TorchException">The tensor does not hold exactly one element.</exception>
    public T item<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(bool) || typeof(T) == typeof(byte))
        {
            NativeError.Check(Native.fu_tensor_item_long(Handle, out var l));
            if (typeof(T) == typeof(long)) return Unsafe.As<long, T>(ref l);
            if (typeof(T) == typeof(int)) { var i = checked((int)l); return Unsafe.As<int, T>(ref i); }
            if (typeof(T) == typeof(byte)) { var b = checked((byte)l); return Unsafe.As<byte, T>(ref b); }
            var flag = l != 0;
            return Unsafe.As<bool, T>(ref flag);
        }

        NativeError.Check(Native.fu_tensor_item_double(Handle, out var d));
        if (typeof(T) == typeof(double)) return Unsafe.As<double, T>(ref d);
        if (typeof(T) == typeof(float)) { var f = (float)d; return Unsafe.As<float, T>(ref f); }
        if (typeof(T) == typeof(Half)) { var h = (Half)d; return Unsafe.As<Half, T>(ref h); }
        throw new NotSupportedException($"item<{typeof(T).Name}> is not supported; use float, double, long, int, byte, bool or Half.");
    }

    /// <summary>This tensor converted to another dtype (this tensor itself when it already has it).</summary>
    public Tensor to(ScalarType type) => Wrap(Native.fu_tensor_to(Handle, ElementType.Code(type), -1, -1, 0));

    /// <summary>This tensor on another device (this tensor's data shared when it is already there).</summary>
    public Tensor to(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Wrap(Native.fu_tensor_to(Handle, -1, (int)device.Type, device.Index, 0));
    }

    /// <summary>This tensor converted to a dtype on a device.</summary>
    public Tensor to(ScalarType type, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Wrap(Native.fu_tensor_to(Handle, ElementType.Code(type), (int)device.Type, device.Index, 0));
    }

    /// <summary>This tensor on the CPU.</summary>
    public Tensor cpu() => to(Device.CPU);

    /// <summary>This tensor on the first (or given) CUDA device.</summary>
    public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));

    /// <summary>A copy with its own storage; differentiable (gradients flow back to this tensor).</summary>
    public Tensor clone() => Wrap(Native.fu_clone(Handle));

    /// <summary>A second handle to the same native tensor (same storage and autograd identity), disposed independently.</summary>
    public Tensor alias() => Wrap(Native.fu_tensor_alias(Handle));

    private void CheckElementType<T>()
        where T : unmanaged
    {
        var expected = ElementType.Of<T>();
        var actual = dtype;
        if (expected != actual)
        {
            throw new ArgumentException(
                $"Element type {typeof(T).Name} does not match the tensor's dtype {actual}; convert first with .to(ScalarType.{expected}) or use the matching type.");
        }
    }

    private void CheckLength(int length, string name)
    {
        var n = numel();
        if (length != n)
        {
            throw new ArgumentException($"The span holds {length} elements but the tensor has {n} (shape [{string.Join(", ", shape)}]).", name);
        }
    }
}
