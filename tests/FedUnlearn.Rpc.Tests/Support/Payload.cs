using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>Deterministic, non-periodic test bytes: word i of the stream is a hash of i.</summary>
internal static class Payload
{
    public static void Fill(Span<byte> destination, long offset)
    {
        if (offset % 8 != 0 || destination.Length % 8 != 0)
        {
            throw new ArgumentException("Offsets and lengths must be multiples of 8.");
        }

        ulong word = (ulong)offset / 8;
        for (int i = 0; i < destination.Length; i += 8, word++)
        {
            ulong x = word * 0x9E3779B97F4A7C15UL;
            x ^= x >> 31;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 29;
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], x);
        }
    }

    public static byte[] Sha256(long totalBytes, int chunkSize)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[chunkSize];
        for (long offset = 0; offset < totalBytes; offset += chunkSize)
        {
            int length = (int)Math.Min(chunkSize, totalBytes - offset);
            Fill(chunk.AsSpan(0, length), offset);
            hash.AppendData(chunk, 0, length);
        }

        return hash.GetHashAndReset();
    }
}
