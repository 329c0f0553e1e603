using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public sealed partial class Tensor
{
    /// <summary>The sizes of every dimension (a new array each call).</summary>
    public unsafe long[] shape
    {
        get
        {
            var buffer = stackalloc long[8];
            var n = Native.fu_tensor_sizes(Handle, buffer, 8);
            var result = new long[n];
            if (n <= 8)
            {
                new ReadOnlySpan<long>(buffer, (int)n).CopyTo(result);
                return result;
            }

            fixed (long* p = result)
            {
                Native.fu_tensor_sizes(Handle, p, n);
            }

            return result;
        }
    }

    /// <summary>The strides of every dimension, in elements.</summary>
    public unsafe long[] stride()
    {
        var result = new long[dim()];
        fixed (long* p = result)
        {
            Native.fu_tensor_strides(Handle, p, result.Length);
        }

        return result;
    }

    /// <summary>The number of dimensions.</summary>
    public long ndim => Native.fu_tensor_dim(Handle);

    /// <summary>The number of dimensions.</summary>
    public long dim() => Native.fu_tensor_dim(Handle);

    /// <summary>The size of one dimension; negative dims count from the end.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such dimension.</exception>
    public unsafe long size(long dim)
    {
        var buffer = stackalloc long[8];
        var n = Native.fu_tensor_sizes(Handle, buffer, 8);
        var d = dim < 0 ? dim + n : dim;
        if (d < 0 || d >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"Dimension out of range for a tensor with {n} dims.");
        }

        return d < 8 ? buffer[d] : shape[d];
    }

    /// <summary>The number of elements.</summary>
    public long numel() => Native.fu_tensor_numel(Handle);

    /// <summary>The element type.</summary>
    public ScalarType dtype => (ScalarType)Native.fu_tensor_dtype(Handle);

    /// <summary>The device holding the data.</summary>
    public Device device
    {
        get
        {
            Native.fu_tensor_device(Handle, out var type, out var index);
            return type == (int)DeviceType.CPU ? Device.CPU : new Device((DeviceType)type, index);
        }
    }

    /// <summary>Whether the elements are laid out densely in row-major order.</summary>
    public bool is_contiguous() => Native.fu_tensor_is_contiguous(Handle) != 0;
}
