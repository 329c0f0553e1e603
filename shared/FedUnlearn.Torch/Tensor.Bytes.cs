using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Raw little-endian bytes in and out, whatever the dtype (for file formats such as safetensors).</summary>
public sealed partial class Tensor
{
    /// <summary>Bytes per element.</summary>
    public int element_size() => ElementType.SizeOf(dtype);

    /// <summary>Bytes of data (<see cref="numel"/> × <see cref="element_size"/>).</summary>
    public long nbytes => numel() * element_size();

    /// <summary>Whether the dtype is a floating-point type.</summary>
    public bool is_floating_point() => dtype is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Copies the elements' bytes (row-major, from any device) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is not exactly <see cref="nbytes"/> long.</exception>
    public unsafe void CopyBytesTo(Span<byte> destination)
    {
        CheckByteLength(destination.Length, nameof(destination));
        fixed (byte* p = destination)
        {
            NativeError.Check(Native.fu_tensor_copy_to(Handle, p, destination.Length));
        }
    }

    /// <summary>Overwrites the elements from raw bytes of this dtype (not recorded by autograd). Returns this tensor.</summary>
    /// <exception cref="ArgumentException">The source is not exactly <see cref="nbytes"/> long.</exception>
    public unsafe Tensor CopyBytesFrom(ReadOnlySpan<byte> source)
    {
        CheckByteLength(source.Length, nameof(source));
        fixed (byte* p = source)
        {
            NativeError.Check(Native.fu_tensor_copy_from(Handle, p, source.Length));
        }

        return this;
    }

    private void CheckByteLength(int length, string name)
    {
        var expected = nbytes;
        if (length != expected)
        {
            throw new ArgumentException($"The span holds {length} bytes but the tensor's data is {expected} bytes ({dtype}, shape [{string.Join(", ", shape)}]).", name);
        }
    }
}
