using System.Buffers.Binary;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// A round's delta pack: the file header <c>"FUDPACK1"</c> + round (u64 LE), then one entry per
/// delta: payload length (u64 LE), the payload's SHA-256 (32 bytes), the payload. Each payload is a
/// complete safetensors file (the codec's bytes, equal to what the client uploaded), so any entry can
/// be cut out and opened by a safetensors reader, and the pack can be walked without the database.
/// The database is still the only authority on which entries are valid: offsets, lengths and hashes
/// are committed with the round, and every read is verified against the hash.
/// </summary>
internal static class PackFormat
{
    public const string Extension = ".pack";
    public const string PartialExtension = ".partial";
    public const int FileHeaderSize = 16;
    public const int EntryHeaderSize = 8 + 32;

    private static ReadOnlySpan<byte> Magic => "FUDPACK1"u8;

    public static byte[] FileHeader(long round)
    {
        var header = new byte[FileHeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), round);
        return header;
    }

    public static byte[] EntryHeader(long length, string hash)
    {
        var header = new byte[EntryHeaderSize];
        BinaryPrimitives.WriteInt64LittleEndian(header, length);
        Convert.FromHexString(hash).CopyTo(header.AsSpan(8));
        return header;
    }

    /// <summary>A fresh, unique file name for round <paramref name="round"/>'s pack (without extension).</summary>
    public static string NewName(long round) => $"r{round:D10}-{Guid.NewGuid():N}";

    /// <summary>True for a committed-style pack name made by <see cref="NewName"/> plus <see cref="Extension"/>.</summary>
    public static bool IsPackFile(string fileName) =>
        fileName.Length == 1 + 10 + 1 + 32 + Extension.Length && fileName[0] == 'r' && fileName.EndsWith(Extension, StringComparison.Ordinal);
}
