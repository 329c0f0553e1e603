using FedUnlearn.Contracts.SafeTensors.Internal;

namespace FedUnlearn.Contracts.SafeTensors;

public sealed partial class SafeTensorsFile
{
    /// <summary>
    /// The canonical bytes of this file: tensors laid out by descending dtype alignment, then by name
    /// (as the reference writer does, so each tensor starts aligned to its element size), metadata
    /// sorted by key. Equal contents give equal bytes, whatever the order tensors were added in.
    /// </summary>
    public byte[] ToArray()
    {
        var ordered = HeaderWriter.CanonicalOrder(_tensors);
        var header = HeaderWriter.Build(ordered, Metadata);
        var result = new byte[checked(header.Length + ordered.Sum(t => (long)t.Data.Length))];
        header.CopyTo(result, 0);
        var offset = header.Length;
        foreach (var t in ordered)
        {
            t.Data.Span.CopyTo(result.AsSpan(offset));
            offset += t.Data.Length;
        }
        return result;
    }

    /// <summary>Writes the canonical bytes (see <see cref="ToArray"/>) to <paramref name="stream"/>.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ordered = HeaderWriter.CanonicalOrder(_tensors);
        await stream.WriteAsync(HeaderWriter.Build(ordered, Metadata), cancellationToken).ConfigureAwait(false);
        foreach (var t in ordered)
            await stream.WriteAsync(t.Data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> atomically: to a temporary file beside it, flushed
    /// to disk, then renamed over the target, so a crash never leaves a half-written file there.
    /// </summary>
    public async Task WriteFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await WriteAsync(stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
