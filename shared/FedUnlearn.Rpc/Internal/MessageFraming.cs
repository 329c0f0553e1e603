using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Internal;

/// <summary>
/// Length-prefixed messages: a 1-byte compressed flag, a 4-byte big-endian length, the bytes.
/// </summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Writes one framed message straight into <paramref name="writer"/> (no staging copy unless compressing).</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, int maxSendSize, bool compress)
    {
        int size = message.CalculateSize();
        CheckSendSize(size, maxSendSize);
        if (compress)
        {
            byte[] compressed = Compress(message, size);
            WriteHeader(writer.GetSpan(HeaderSize), compressed: true, compressed.Length);
            writer.Advance(HeaderSize);
            writer.Write(compressed);
            return;
        }

        WriteHeader(writer.GetSpan(HeaderSize), compressed: false, size);
        writer.Advance(HeaderSize);
        if (size > 0)
        {
            message.WriteTo(writer);
        }
    }

    /// <summary>Serializes one framed message into a rented array; the caller returns it to the pool.</summary>
    public static (byte[] Buffer, int Length) WriteToRented(IMessage message, int maxSendSize, bool compress)
    {
        int size = message.CalculateSize();
        CheckSendSize(size, maxSendSize);
        if (compress)
        {
            byte[] compressed = Compress(message, size);
            byte[] framed = ArrayPool<byte>.Shared.Rent(HeaderSize + compressed.Length);
            WriteHeader(framed, compressed: true, compressed.Length);
            compressed.CopyTo(framed.AsSpan(HeaderSize));
            return (framed, HeaderSize + compressed.Length);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(HeaderSize + size);
        WriteHeader(buffer, compressed: false, size);
        message.WriteTo(buffer.AsSpan(HeaderSize, size));
        return (buffer, HeaderSize + size);
    }

    /// <summary>Serializes one framed message into an exact-size array the caller may keep.</summary>
    public static byte[] WriteToArray(IMessage message, int maxSendSize, bool compress)
    {
        if (compress)
        {
            (byte[] rented, int length) = WriteToRented(message, maxSendSize, compress: true);
            byte[] framed = rented.AsSpan(0, length).ToArray();
            ArrayPool<byte>.Shared.Return(rented);
            return framed;
        }

        int size = message.CalculateSize();
        CheckSendSize(size, maxSendSize);
        byte[] buffer = GC.AllocateUninitializedArray<byte>(HeaderSize + size);
        WriteHeader(buffer, compressed: false, size);
        message.WriteTo(buffer.AsSpan(HeaderSize, size));
        return buffer;
    }

    private static byte[] Compress(IMessage message, int size)
    {
        byte[] plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            return GzipCodec.Compress(plain.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private static void CheckSendSize(int size, int maxSendSize)
    {
        if (size > maxSendSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {maxSendSize} bytes).");
        }
    }
}
