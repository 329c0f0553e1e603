using System.Buffers;
using System.IO.Compression;

namespace FedUnlearn.Rpc.Internal;

/// <summary>Per-message gzip (each message is its own gzip member, as the spec requires).</summary>
internal static class GzipCodec
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates <paramref name="compressed"/> into a rented buffer, refusing to grow past
    /// <paramref name="maxSize"/> so that a small "zip bomb" cannot exhaust memory.
    /// </summary>
    public static (byte[] Buffer, int Length) Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(compressed.Length * 4, 256), maxSize + 1L));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxSize)
                    {
                        throw new RpcException(StatusCode.ResourceExhausted,
                            $"Received message exceeds the maximum configured message size ({maxSize} bytes) once decompressed.");
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxSize + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxSize)
                {
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size ({maxSize} bytes) once decompressed.");
                }
            }

            return (buffer, length);
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress a gzip message."), innerException: ex);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
