using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Contracts.Adapters;

/// <summary>
/// The bytes an adapter travels and is stored as: one canonical safetensors file of F32 tensors.
/// Equal parameter sets (same names, order, shapes and values) encode to equal bytes.
/// </summary>
public static class AdapterPayload
{
    /// <summary>Encodes <paramref name="set"/> as safetensors bytes.</summary>
    public static byte[] Encode(ParameterSet set) => set.ToSafeTensors().ToArray();

    /// <summary>Decodes safetensors bytes into a parameter set, in the encoded set's order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file of float tensors.</exception>
    public static ParameterSet Decode(ReadOnlyMemory<byte> payload, SafeTensorsReadOptions? options = null) =>
        SafeTensorsFile.Read(payload, options).ToParameterSet();

    /// <summary>Decodes and checks the result against the layout a header declared (names, order,
    /// shapes, dtype), so a payload cannot smuggle in tensors its header did not announce.</summary>
    /// <exception cref="InvalidDataException">The bytes are invalid or differ from <paramref name="declared"/>.</exception>
    public static ParameterSet Decode(ReadOnlyMemory<byte> payload, IReadOnlyList<TensorLayout> declared, SafeTensorsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var set = Decode(payload, options);
        if (DescribeLayoutMismatch(declared, Layout(set)) is { } problem)
            throw new InvalidDataException($"Adapter payload differs from its declared layout: {problem}.");
        return set;
    }

    /// <summary>The layout of <paramref name="set"/>, in order, as headers declare it.</summary>
    public static List<TensorLayout> Layout(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Select(t => new TensorLayout { Name = t.Name, Dtype = DType.F32, Shape = { Array.ConvertAll(t.Shape, d => (long)d) } }).ToList();
    }

    /// <summary>
    /// How <paramref name="actual"/> differs from <paramref name="expected"/> (missing, unexpected,
    /// reordered, mis-shaped or mis-typed tensors), or null when they are identical. A server uses it
    /// to reject an update from its header alone, before any chunk arrives.
    /// </summary>
    public static string? DescribeLayoutMismatch(IReadOnlyList<TensorLayout> expected, IReadOnlyList<TensorLayout> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var problems = new List<string>();
        var actualByName = new Dictionary<string, (int Index, TensorLayout Layout)>(StringComparer.Ordinal);
        for (var i = 0; i < actual.Count; i++)
            if (!actualByName.TryAdd(actual[i].Name, (i, actual[i]))) problems.Add($"duplicate '{actual[i].Name}'");
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            expectedNames.Add(e.Name);
            if (!actualByName.TryGetValue(e.Name, out var a)) { problems.Add($"missing '{e.Name}'"); continue; }
            if (!e.Shape.SequenceEqual(a.Layout.Shape)) problems.Add($"'{e.Name}' has shape {Text(a.Layout)}, expected {Text(e)}");
            if (e.Dtype != a.Layout.Dtype) problems.Add($"'{e.Name}' has dtype {a.Layout.Dtype}, expected {e.Dtype}");
            if (a.Index != i) problems.Add($"'{e.Name}' is at position {a.Index}, expected {i}");
        }
        foreach (var a in actual)
            if (!expectedNames.Contains(a.Name)) problems.Add($"unexpected '{a.Name}'");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string Text(TensorLayout layout) => $"[{string.Join(", ", layout.Shape)}]";
}
