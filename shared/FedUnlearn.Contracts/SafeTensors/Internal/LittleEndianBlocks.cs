using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Block copies between little-endian bytes and primitive arrays: one memcpy on
/// little-endian machines, plus one vectorised byte swap on big-endian ones.</summary>
internal static class LittleEndianBlocks
{
    public static byte[] GetBytes<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) SwapInPlace(bytes, Unsafe.SizeOf<T>());
        return bytes;
    }

    public static T[] ToArray<T>(ReadOnlySpan<byte> bytes) where T : unmanaged
    {
        var values = new T[bytes.Length / Unsafe.SizeOf<T>()];
        var target = MemoryMarshal.AsBytes(values.AsSpan());
        bytes[..target.Length].CopyTo(target);
        if (!BitConverter.IsLittleEndian) SwapInPlace(target, Unsafe.SizeOf<T>());
        return values;
    }

    private static void SwapInPlace(Span<byte> bytes, int elementSize)
    {
        switch (elementSize)
        {
            case 2: var u16 = MemoryMarshal.Cast<byte, ushort>(bytes); BinaryPrimitives.ReverseEndianness(u16, u16); break;
            case 4: var u32 = MemoryMarshal.Cast<byte, uint>(bytes); BinaryPrimitives.ReverseEndianness(u32, u32); break;
            case 8: var u64 = MemoryMarshal.Cast<byte, ulong>(bytes); BinaryPrimitives.ReverseEndianness(u64, u64); break;
        }
    }
}
