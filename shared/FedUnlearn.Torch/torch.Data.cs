using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Tensors from C# data: the elements are copied once into memory libtorch owns.</summary>
public static partial class torch
{
    /// <summary>A 1-D tensor holding a copy of <paramref name="data"/>; the dtype follows <typeparamref name="T"/>.</summary>
    public static Tensor tensor<T>(ReadOnlySpan<T> data, Device? device = null, bool requiresGrad = false)
        where T : unmanaged =>
        tensor(data, [data.Length], device, requiresGrad);

    /// <summary>A tensor of the given shape holding a copy of <paramref name="data"/> (row-major).</summary>
    /// <exception cref="ArgumentException">A negative size, or a shape whose element count differs from the data length.</exception>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        var dtype = ElementType.Of<T>();
        var count = CheckedElementCount(shape);
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"The data holds {data.Length} elements but shape [{string.Join(", ", shape.ToArray())}] needs {count}.", nameof(data));
        }

        var d = device ?? Device.CPU;
        fixed (T* p = data)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(Native.fu_tensor_from_data(p, (long)data.Length * sizeof(T), s, shape.Length, (int)dtype, (int)d.Type, d.Index, Native.Flag(requiresGrad)));
        }
    }

    /// <summary>A tensor of the given shape and dtype holding a copy of raw little-endian bytes.</summary>
    /// <exception cref="ArgumentException">A negative size, or a byte count other than elements × element size.</exception>
    public static unsafe Tensor from_bytes(ReadOnlySpan<byte> bytes, ReadOnlySpan<long> shape, ScalarType dtype, Device? device = null, bool requiresGrad = false)
    {
        var needed = checked(CheckedElementCount(shape) * ElementType.SizeOf(dtype));
        if (needed != bytes.Length)
        {
            throw new ArgumentException(
                $"The data holds {bytes.Length} bytes but shape [{string.Join(", ", shape.ToArray())}] of {dtype} needs {needed}.", nameof(bytes));
        }

        var d = device ?? Device.CPU;
        fixed (byte* p = bytes)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(Native.fu_tensor_from_data(p, bytes.Length, s, shape.Length, (int)dtype, (int)d.Type, d.Index, Native.Flag(requiresGrad)));
        }
    }

    private static long CheckedElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] has a negative size.", nameof(shape));
            }

            count = checked(count * size);
        }

        return count;
    }
}
