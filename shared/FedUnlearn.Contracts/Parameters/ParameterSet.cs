using System.Buffers.Binary;
using System.Collections;
using System.Security.Cryptography;

namespace FedUnlearn.Contracts.Parameters;

/// <summary>
/// Framework-neutral named float32 arrays, in a fixed order: what learning code hands to the
/// transport and what the server aggregates. The server works on these and never loads native code.
/// </summary>
public sealed class ParameterSet : IReadOnlyList<ParameterTensor>
{
    private readonly List<ParameterTensor> _tensors = [];
    private readonly Dictionary<string, ParameterTensor> _byName = new(StringComparer.Ordinal);

    /// <summary>An empty set.</summary>
    public ParameterSet() { }

    /// <summary>A set holding <paramref name="tensors"/> in the given order.</summary>
    public ParameterSet(IEnumerable<ParameterTensor> tensors)
    {
        foreach (var t in tensors) Add(t);
    }

    /// <summary>Number of tensors.</summary>
    public int Count => _tensors.Count;

    /// <summary>The tensor at <paramref name="index"/>.</summary>
    public ParameterTensor this[int index] => _tensors[index];

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public ParameterTensor this[string name] =>
        _byName.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"No parameter named '{name}'.");

    /// <summary>Total number of float elements over all tensors.</summary>
    public long ElementCount => _tensors.Sum(t => (long)t.Data.Length);

    /// <summary>Adds a tensor.</summary>
    /// <exception cref="ArgumentException">A tensor of the same name is already present.</exception>
    public void Add(ParameterTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_byName.TryAdd(tensor.Name, tensor))
            throw new ArgumentException($"Duplicate parameter name '{tensor.Name}'.", nameof(tensor));
        _tensors.Add(tensor);
    }

    /// <summary>Adds a tensor built from its parts.</summary>
    public void Add(string name, int[] shape, float[] data) => Add(new ParameterTensor(name, shape, data));

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGet(string name, out ParameterTensor tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>A deep copy.</summary>
    public ParameterSet Clone() => new(_tensors.Select(t => t.Clone()));

    /// <summary>A set of the same names and shapes, all zeros.</summary>
    public ParameterSet ZerosLike() =>
        new(_tensors.Select(t => new ParameterTensor(t.Name, (int[])t.Shape.Clone(), new float[t.Data.Length])));

    /// <summary>
    /// Describes how <paramref name="other"/>'s layout differs from this one (missing, unexpected or
    /// mis-shaped names), or returns null when both hold the same names with the same shapes.
    /// </summary>
    public string? DescribeLayoutMismatch(ParameterSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var problems = new List<string>();
        foreach (var t in _tensors)
        {
            if (!other.TryGet(t.Name, out var o)) problems.Add($"missing '{t.Name}'");
            else if (!t.SameShape(o)) problems.Add($"'{t.Name}' has shape {o.ShapeText}, expected {t.ShapeText}");
        }
        foreach (var o in other._tensors)
            if (!_byName.ContainsKey(o.Name)) problems.Add($"unexpected '{o.Name}'");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>
    /// SHA-256 over names, shapes and little-endian values in order: equal sets hash equally on
    /// every machine. Used for adapter versions in the store and the audit log.
    /// </summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> int32 = stackalloc byte[4];
        foreach (var t in _tensors)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(t.Name));
            BinaryPrimitives.WriteInt32LittleEndian(int32, t.Shape.Length);
            hash.AppendData(int32);
            foreach (var d in t.Shape)
            {
                BinaryPrimitives.WriteInt32LittleEndian(int32, d);
                hash.AppendData(int32);
            }
            if (BitConverter.IsLittleEndian)
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Data.AsSpan()));
            else
                foreach (var v in t.Data)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(int32, v);
                    hash.AppendData(int32);
                }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public IEnumerator<ParameterTensor> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
