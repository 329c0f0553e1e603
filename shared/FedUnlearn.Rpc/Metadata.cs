using System.Collections;

namespace FedUnlearn.Rpc;

/// <summary>
/// Custom metadata of a call (request headers, response headers or trailers). Order is kept;
/// a key may repeat. Keys are validated as gRPC requires (lower-case <c>[0-9a-z_.-]</c>, no
/// reserved <c>grpc-</c> prefix); keys ending in <c>-bin</c> take bytes.
/// </summary>
public sealed class Metadata : IEnumerable<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a text entry.</summary>
    public Metadata Add(string key, string value)
    {
        key = NormalizeKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (IsBinaryKey(key))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in -bin and needs a byte[] value.", nameof(key));
        }

        foreach (char c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata '{key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
        }

        _entries.Add(new MetadataEntry(key, value, null));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        key = NormalizeKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsBinaryKey(key))
        {
            throw new ArgumentException($"Binary metadata key '{key}' must end in -bin.", nameof(key));
        }

        _entries.Add(new MetadataEntry(key, null, value));
        return this;
    }

    /// <summary>The first text value under <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) =>
        _entries.FirstOrDefault(e => !e.IsBinary && string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The first binary value under <paramref name="key"/>, or null.</summary>
    public byte[]? GetValueBytes(string key) =>
        _entries.FirstOrDefault(e => e.IsBinary && string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))?.ValueBytes;

    /// <summary>Every entry under <paramref name="key"/>, in order.</summary>
    public IEnumerable<MetadataEntry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static bool IsBinaryKey(string key) => key.EndsWith("-bin", StringComparison.Ordinal);

    // Adds without the reserved-prefix check: used for headers received from the wire.
    internal void AddReceived(string key, string? text, byte[]? bytes) => _entries.Add(new MetadataEntry(key, text, bytes));

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        key = key.ToLowerInvariant();
        foreach (char c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' may only contain [0-9a-z_.-].", nameof(key));
            }
        }

        if (key.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' uses the reserved 'grpc-' prefix.", nameof(key));
        }

        return key;
    }
}
