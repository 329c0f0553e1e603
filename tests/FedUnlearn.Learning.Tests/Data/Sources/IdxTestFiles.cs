using System.Buffers.Binary;
using System.IO.Compression;

namespace FedUnlearn.Learning.Tests.Data.Sources;

/// <summary>Writes small IDX files (gzip or raw) into a temporary directory for reader tests.</summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fedunlearn-idx-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, byte[] content, bool gzip = true)
    {
        var path = Path.Combine(Directory, name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            file.Write(content);
        }
        return path;
    }

    /// <summary>An IDX byte file: magic 00 00 08 rank, big-endian dims, payload.</summary>
    public static byte[] Idx(int[] dims, byte[] payload, byte type = 0x08, int? rank = null)
    {
        var bytes = new byte[4 + 4 * dims.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)(rank ?? dims.Length);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        payload.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
