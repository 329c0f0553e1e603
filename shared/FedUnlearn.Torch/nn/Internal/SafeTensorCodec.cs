using System.Runtime.InteropServices;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Torch.Internal;

/// <summary>
/// Tensor ⇄ safetensors entry, one bulk copy each way: the tensor's elements are copied straight into
/// (or out of) the entry's little-endian byte buffer, never element by element.
/// </summary>
internal static class SafeTensorCodec
{
    internal static SafeTensor ToSafeTensor(string name, Tensor tensor)
    {
        CheckEndianness();
        var (dtype, size) = tensor.dtype switch
        {
            ScalarType.Float32 => (SafeTensorDType.F32, 4),
            ScalarType.Float64 => (SafeTensorDType.F64, 8),
            ScalarType.Int64 => (SafeTensorDType.I64, 8),
            ScalarType.Int32 => (SafeTensorDType.I32, 4),
            ScalarType.Float16 => (SafeTensorDType.F16, 2),
            ScalarType.Byte => (SafeTensorDType.U8, 1),
            ScalarType.Bool => (SafeTensorDType.Bool, 1),
            var other => throw new NotSupportedException($"Tensor '{name}' has dtype {other}, which safetensors export does not support."),
        };
        var bytes = new byte[checked(tensor.numel() * size)];
        var span = bytes.AsSpan();
        switch (dtype)
        {
            case SafeTensorDType.F32: tensor.CopyTo(MemoryMarshal.Cast<byte, float>(span)); break;
            case SafeTensorDType.F64: tensor.CopyTo(MemoryMarshal.Cast<byte, double>(span)); break;
            case SafeTensorDType.I64: tensor.CopyTo(MemoryMarshal.Cast<byte, long>(span)); break;
            case SafeTensorDType.I32: tensor.CopyTo(MemoryMarshal.Cast<byte, int>(span)); break;
            case SafeTensorDType.F16: tensor.CopyTo(MemoryMarshal.Cast<byte, Half>(span)); break;
            case SafeTensorDType.U8: tensor.CopyTo(span); break;
            default: tensor.CopyTo(MemoryMarshal.Cast<byte, bool>(span)); break;
        }

        return new SafeTensor(name, dtype, tensor.shape, bytes);
    }

    internal static Tensor ToTensor(SafeTensor entry, Device? device)
    {
        CheckEndianness();
        var bytes = entry.Data.Span;
        return entry.DType switch
        {
            SafeTensorDType.F32 => torch.tensor(MemoryMarshal.Cast<byte, float>(bytes), entry.Shape, device),
            SafeTensorDType.F64 => torch.tensor(MemoryMarshal.Cast<byte, double>(bytes), entry.Shape, device),
            SafeTensorDType.I64 => torch.tensor(MemoryMarshal.Cast<byte, long>(bytes), entry.Shape, device),
            SafeTensorDType.I32 => torch.tensor(MemoryMarshal.Cast<byte, int>(bytes), entry.Shape, device),
            SafeTensorDType.F16 => torch.tensor(MemoryMarshal.Cast<byte, Half>(bytes), entry.Shape, device),
            SafeTensorDType.U8 => torch.tensor(bytes, entry.Shape, device),
            SafeTensorDType.Bool => torch.tensor(MemoryMarshal.Cast<byte, bool>(bytes), entry.Shape, device),
            // BF16 has no tensor dtype here; widen it to float32 (exact) rather than refuse a common checkpoint format.
            SafeTensorDType.BF16 => torch.tensor<float>(entry.ToSingles(), entry.Shape, device),
            var other => throw new NotSupportedException($"Tensor '{entry.Name}' has safetensors dtype {other}, which has no tensor dtype here."),
        };
    }

    // Safetensors is little-endian and the spans above are reinterpreted in place.
    private static void CheckEndianness()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors I/O needs a little-endian machine.");
        }
    }
}
