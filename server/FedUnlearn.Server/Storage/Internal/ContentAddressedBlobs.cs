using System.Security.Cryptography;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Immutable blobs named by the SHA-256 of their bytes, under <c>blobs/ab/abcd…</c>. A write goes
/// to a temp file, is flushed to disk, then renamed into place atomically and the directory is
/// fsynced (the name itself must survive power loss), so a crash leaves either the whole blob or none of it (a stray temp file is removed at the next open). Equal
/// bytes are stored once. Reads recompute the hash, so tampering or bit rot is detected.
/// </summary>
internal sealed class ContentAddressedBlobs
{
    private readonly string _root;
    private readonly string _temp;

    public ContentAddressedBlobs(string root)
    {
        _root = root;
        _temp = Path.Combine(root, ".tmp");
        DurableDirectory.Create(root);
        Directory.CreateDirectory(_temp);
        // All 256 shards up front (one fsync of the root, once per store): a commit then never pays
        // for a new shard's name on top of its blob's.
        var created = false;
        for (var shard = 0; shard < 256; shard++)
        {
            var path = Path.Combine(root, shard.ToString("x2"));
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(path);
            created = true;
        }

        if (created) DirectorySync.Flush(root);
        foreach (var stale in Directory.EnumerateFiles(_temp)) File.Delete(stale);
    }

    public bool Contains(string hash) => File.Exists(PathOf(hash));

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool IsHash(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    public string PathOf(string hash)
    {
        if (!IsHash(hash))
            throw new ArgumentException($"'{hash}' is not a lower-case SHA-256 hex digest.", nameof(hash));
        return Path.Combine(_root, hash[..2], hash);
    }

    /// <summary>Stores <paramref name="bytes"/> (already hashed to <paramref name="hash"/>); true when newly written.</summary>
    public async Task<bool> WriteAsync(string hash, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        if (File.Exists(path)) return false;
        var shard = Path.GetDirectoryName(path)!;
        // A new shard's own name must be durable too, or its blobs vanish with it.
        DurableDirectory.Create(shard);

        var temp = Path.Combine(_temp, $"{hash}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                // fsync before the rename: the name must never point at bytes not yet on disk.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
            // The rename lives in the shard directory: without this fsync a power loss can undo it
            // after the referencing transaction committed, leaving a row that points at nothing.
            DirectorySync.Flush(shard);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // A concurrent writer of the same content won the rename; the content is identical.
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<byte[]> ReadAsync(string hash, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        if (!File.Exists(path)) throw new FileNotFoundException($"Blob {hash} is not in the store (never written, or pruned).", path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var actual = Hash(bytes);
        if (actual != hash) throw new BlobCorruptedException(hash, actual);
        return bytes;
    }

    /// <summary>Every stored blob's hash, file and size.</summary>
    public IEnumerable<(string Hash, string Path, long Size)> Enumerate()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            if (Path.GetFileName(dir) == ".tmp") continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                // Only our own files: anything else in the directory is not ours to delete.
                if (IsHash(name)) yield return (name, file, new FileInfo(file).Length);
            }
        }
    }

    public static void Delete(string path) => File.Delete(path);
}
