using System.Buffers.Binary;
using System.IO.Compression;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>
/// Reads one IDX file (LeCun's MNIST format: magic 00 00 type rank, big-endian int32 dimensions,
/// then the payload), gzip-compressed or not (detected by the gzip magic bytes, not the name).
/// Only unsigned-byte payloads (type 0x08), which is what MNIST-style datasets use.
/// </summary>
internal sealed class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    private IdxFile(int[] dimensions, byte[] payload)
    {
        Dimensions = dimensions;
        Payload = payload;
    }

    public int[] Dimensions { get; }

    public byte[] Payload { get; }

    public static async Task<IdxFile> ReadAsync(string path, int expectedRank, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var head = new byte[2];
        var gzip = await file.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, cancellationToken) == 2 && head[0] == 0x1F && head[1] == 0x8B;
        file.Position = 0;
        await using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return await ReadAsync(stream, path, expectedRank, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException($"IDX file '{path}' is not a valid gzip stream: {e.Message}", path);
        }
    }

    private static async Task<IdxFile> ReadAsync(Stream stream, string path, int expectedRank, CancellationToken cancellationToken)
    {
        var magic = new byte[4];
        await ReadExactlyAsync(stream, magic, path, "the 4-byte magic number", cancellationToken);
        if (magic[0] != 0 || magic[1] != 0)
            throw new DatasetFormatException($"IDX file '{path}' has magic number 0x{Convert.ToHexString(magic)}; IDX files start with two zero bytes.", path);
        if (magic[2] != UnsignedByteType)
            throw new DatasetFormatException($"IDX file '{path}' stores element type 0x{magic[2]:X2}; only unsigned bytes (0x08) are supported.", path);
        if (magic[3] != expectedRank)
            throw new DatasetFormatException($"IDX file '{path}' has {magic[3]} dimension(s) (magic 0x{Convert.ToHexString(magic)}); expected {expectedRank}.", path);

        var dimBytes = new byte[4 * expectedRank];
        await ReadExactlyAsync(stream, dimBytes, path, $"{expectedRank} dimension(s)", cancellationToken);
        var dims = new int[expectedRank];
        long size = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (dims[i] < 0) throw new DatasetFormatException($"IDX file '{path}' declares a negative dimension {dims[i]}.", path);
            size *= dims[i];
        }
        if (size > Array.MaxLength)
            throw new DatasetFormatException($"IDX file '{path}' declares [{string.Join(", ", dims)}] = {size} bytes, more than one array can hold.", path);

        var payload = GC.AllocateUninitializedArray<byte>((int)size);
        await ReadExactlyAsync(stream, payload, path, $"[{string.Join(", ", dims)}] = {size} bytes of data", cancellationToken);
        var extra = new byte[1];
        if (await stream.ReadAsync(extra, cancellationToken) != 0)
            throw new DatasetFormatException($"IDX file '{path}' has data past the declared [{string.Join(", ", dims)}] elements.", path);
        return new IdxFile(dims, payload);
    }

    private static async Task ReadExactlyAsync(Stream stream, byte[] buffer, string path, string what, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < buffer.Length)
            throw new DatasetFormatException($"IDX file '{path}' is truncated: it ends after {read} of the {buffer.Length} bytes of {what}.", path);
    }
}
