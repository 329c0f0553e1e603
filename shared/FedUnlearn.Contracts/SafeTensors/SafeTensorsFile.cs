namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>
/// A safetensors file in memory: named tensors plus free-form string metadata (<c>__metadata__</c>).
/// Format: an 8-byte little-endian header length N, N bytes of JSON header
/// <c>{name: {dtype, shape, data_offsets: [begin, end]}}</c>, then the tensor bytes.
/// </summary>
public sealed partial class SafeTensorsFile
{
    /// <summary>The header key reserved for metadata; no tensor may have this name.</summary>
    public const string MetadataKey = "__metadata__";

    private readonly List<SafeTensor> _tensors = [];
    private readonly Dictionary<string, SafeTensor> _byName = new(StringComparer.Ordinal);

    /// <summary>An empty file.</summary>
    public SafeTensorsFile() { }

    /// <summary>A file holding <paramref name="tensors"/> and a copy of <paramref name="metadata"/>.</summary>
    public SafeTensorsFile(IEnumerable<SafeTensor> tensors, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var t in tensors) Add(t);
        if (metadata is not null)
            foreach (var (key, value) in metadata) Metadata.Add(key, value);
    }

    /// <summary>The tensors: in the order added, or for a file read, in the order of their data.</summary>
    public IReadOnlyList<SafeTensor> Tensors => _tensors;

    /// <summary>Free-form metadata; written sorted by key so equal files give equal bytes.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafeTensor this[string name] =>
        _byName.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"No tensor named '{name}' in the safetensors file.");

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGet(string name, out SafeTensor tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>Adds a tensor.</summary>
    /// <exception cref="ArgumentException">The name is taken or is <see cref="MetadataKey"/>.</exception>
    public void Add(SafeTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Name == MetadataKey)
            throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(tensor));
        if (!_byName.TryAdd(tensor.Name, tensor))
            throw new ArgumentException($"Duplicate tensor name '{tensor.Name}'.", nameof(tensor));
        _tensors.Add(tensor);
    }
}
