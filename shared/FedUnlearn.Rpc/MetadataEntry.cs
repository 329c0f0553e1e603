namespace FedUnlearn.Rpc;

/// <summary>
/// One metadata key/value pair. Keys are lower-case; keys ending in <c>-bin</c> carry bytes
/// (base64 on the wire), all others carry printable ASCII text.
/// </summary>
public sealed class MetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    internal MetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        _text = text;
        _bytes = bytes;
    }

    /// <summary>The lower-case key.</summary>
    public string Key { get; }

    /// <summary>Whether the key ends in <c>-bin</c> and the value is bytes.</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The text value; throws for binary entries.</summary>
    public string Value => _text ?? throw new InvalidOperationException($"Metadata '{Key}' is binary; use ValueBytes.");

    /// <summary>The bytes value; throws for text entries.</summary>
    public byte[] ValueBytes => _bytes ?? throw new InvalidOperationException($"Metadata '{Key}' is text; use Value.");

    /// <inheritdoc />
    public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_text}";
}
