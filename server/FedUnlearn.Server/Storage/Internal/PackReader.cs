namespace FedUnlearn.Server.Storage.Internal;

/// <summary>Reads one entry of a sealed pack and verifies it against the hash its round committed.</summary>
internal static class PackReader
{
    public static async Task<byte[]> ReadAsync(string directory, PackEntry entry, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, entry.File);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Delta {entry.Hash} is not in the store: its pack {entry.File} is missing (pruned, or deleted by hand).", path);
        if (entry.Length > Array.MaxLength) throw new InvalidDataException($"Delta {entry.Hash} in pack {entry.File} claims {entry.Length} bytes.");
        var bytes = new byte[entry.Length];
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            var read = 0;
            while (read < bytes.Length)
            {
                var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), entry.Offset + read, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }

            if (read < bytes.Length)
                throw new BlobCorruptedException(entry.Hash, $"(truncated: {read} of {bytes.Length} bytes)",
                    $"pack {entry.File} at offset {entry.Offset}");
        }

        var actual = ContentAddressedBlobs.Hash(bytes);
        if (actual != entry.Hash) throw new BlobCorruptedException(entry.Hash, actual, $"pack {entry.File} at offset {entry.Offset}");
        return bytes;
    }
}
