using System.Buffers.Binary;
using FedUnlearn.Contracts.SafeTensors.Internal;

namespace FedUnlearn.Contracts.SafeTensors;

public sealed partial class SafeTensorsFile
{
    private const int PrefixLength = 8;

    /// <summary>
    /// Reads a whole safetensors file held in memory. The tensors view <paramref name="bytes"/>
    /// without copying, so the caller must not change them afterwards.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes break the format: truncated, header length out
    /// of bounds, malformed JSON, bad dtype, sizes or offsets that do not tile the data exactly.</exception>
    public static SafeTensorsFile Read(ReadOnlyMemory<byte> bytes, SafeTensorsReadOptions? options = null)
    {
        options ??= SafeTensorsReadOptions.Default;
        options.Validate();
        if (bytes.Length < PrefixLength)
            throw HeaderReader.Bad($"{bytes.Length} bytes is shorter than the 8-byte header length prefix");
        var headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span), bytes.Length - PrefixLength, options);
        var header = HeaderReader.Parse(bytes.Span.Slice(PrefixLength, headerLength));
        var data = bytes[(PrefixLength + headerLength)..];
        CheckDataLength(header.DataLength, data.Length, options);
        return Build(header, data);
    }

    /// <summary>Reads a safetensors file from <paramref name="stream"/> to its end, allocating no more
    /// than the header declares (itself bounded by <paramref name="options"/>).</summary>
    /// <exception cref="InvalidDataException">The stream breaks the format (see <see cref="Read(ReadOnlyMemory{byte}, SafeTensorsReadOptions?)"/>).</exception>
    public static async Task<SafeTensorsFile> ReadAsync(Stream stream, SafeTensorsReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= SafeTensorsReadOptions.Default;
        options.Validate();
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        var prefix = new byte[PrefixLength];
        await ReadExactlyAsync(stream, prefix, "the 8-byte header length prefix", cancellationToken).ConfigureAwait(false);
        var headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(prefix), available - PrefixLength, options);
        var headerBytes = new byte[headerLength];
        await ReadExactlyAsync(stream, headerBytes, $"the {headerLength}-byte header", cancellationToken).ConfigureAwait(false);
        var header = HeaderReader.Parse(headerBytes);
        CheckDataLength(header.DataLength, available - PrefixLength - headerLength, options);
        var data = new byte[header.DataLength];
        await ReadExactlyAsync(stream, data, $"the {data.Length} bytes of tensor data", cancellationToken).ConfigureAwait(false);
        if (available is null && await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
            throw HeaderReader.Bad("bytes follow the last tensor's data");
        return Build(header, data);
    }

    /// <summary>Reads the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file breaks the format.</exception>
    public static async Task<SafeTensorsFile> ReadFileAsync(string path, SafeTensorsReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        try { return await ReadAsync(stream, options, cancellationToken).ConfigureAwait(false); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    private static int CheckHeaderLength(ulong declared, long? available, SafeTensorsReadOptions options)
    {
        if (declared > (ulong)options.MaxHeaderLength)
            throw HeaderReader.Bad($"header length {declared} exceeds the limit of {options.MaxHeaderLength} bytes");
        if (available is { } a && (long)declared > a)
            throw HeaderReader.Bad($"truncated: header length {declared} but only {Math.Max(a, 0)} bytes follow the prefix");
        return (int)declared;
    }

    private static void CheckDataLength(long declared, long? available, SafeTensorsReadOptions options)
    {
        if (declared > options.MaxDataLength)
            throw HeaderReader.Bad($"the tensors need {declared} bytes, over the limit of {options.MaxDataLength}");
        if (available is { } a && a < declared)
            throw HeaderReader.Bad($"truncated: the header declares {declared} bytes of tensor data but {a} follow");
        if (available is { } b && b > declared)
            throw HeaderReader.Bad($"{b - declared} bytes follow the last tensor's data");
    }

    private static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, string what, CancellationToken cancellationToken)
    {
        try { await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false); }
        catch (EndOfStreamException e) { throw HeaderReader.Bad($"truncated: the stream ended inside {what}", e); }
    }

    private static SafeTensorsFile Build(ParsedHeader header, ReadOnlyMemory<byte> data)
    {
        var file = new SafeTensorsFile();
        foreach (var e in header.Entries)
            file.Add(new SafeTensor(e.Name, e.DType, e.Shape, data[(int)e.Begin..(int)e.End]));
        foreach (var (key, value) in header.Metadata) file.Metadata.Add(key, value);
        return file;
    }
}
