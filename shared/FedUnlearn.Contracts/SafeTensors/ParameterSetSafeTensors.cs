using System.Text.Json;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors.Internal;

namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>Converts between <see cref="ParameterSet"/> and safetensors files.</summary>
public static class ParameterSetSafeTensors
{
    /// <summary>
    /// Metadata key holding the parameter order as a JSON array of names. The file itself lays
    /// tensors out by name; this key restores the set's own order, on which
    /// <see cref="ParameterSet.ContentHash"/> depends.
    /// </summary>
    public const string ParameterOrderKey = "fedunlearn.parameter_order";

    /// <summary>A file of F32 tensors holding copies of the set's values, with
    /// <paramref name="metadata"/> plus <see cref="ParameterOrderKey"/>.</summary>
    public static SafeTensorsFile ToSafeTensors(this ParameterSet set, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var file = new SafeTensorsFile(
            set.Select(t => SafeTensor.FromSingles(t.Name, Array.ConvertAll(t.Shape, d => (long)d), t.Data)),
            metadata);
        file.Metadata[ParameterOrderKey] = JsonSerializer.Serialize(set.Select(t => t.Name).ToArray(), OrderJson.Default.StringArray);
        return file;
    }

    /// <summary>
    /// The file's tensors as float32 parameters (F16, BF16 and F64 are converted), in the order
    /// <see cref="ParameterOrderKey"/> records, or in data order when the key is absent.
    /// </summary>
    /// <exception cref="InvalidDataException">A tensor is not floating-point, a dimension exceeds
    /// <see cref="int.MaxValue"/>, or the recorded order does not list exactly the file's tensors.</exception>
    public static ParameterSet ToParameterSet(this SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var set = new ParameterSet();
        foreach (var t in Ordered(file))
        {
            if (t.DType is not (SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.F64))
                throw new InvalidDataException($"Tensor '{t.Name}' has dtype {SafeTensorDTypes.ToHeaderName(t.DType)}; parameters must be floating-point.");
            if (t.Shape.Any(d => d > int.MaxValue))
                throw new InvalidDataException($"Tensor '{t.Name}' has shape {ShapeMath.Text(t.Shape)}, too large for a parameter.");
            set.Add(t.Name, Array.ConvertAll(t.Shape, d => (int)d), t.ToSingles());
        }
        return set;
    }

    private static IEnumerable<SafeTensor> Ordered(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(ParameterOrderKey, out var json)) return file.Tensors;
        string[]? names;
        try { names = JsonSerializer.Deserialize(json, OrderJson.Default.StringArray); }
        catch (JsonException e) { throw new InvalidDataException($"Metadata '{ParameterOrderKey}' is not a JSON array of names: {e.Message}", e); }
        if (names is null || names.Length != file.Tensors.Count || names.Distinct(StringComparer.Ordinal).Count() != names.Length
            || !names.All(n => file.TryGet(n, out _)))
            throw new InvalidDataException(
                $"Metadata '{ParameterOrderKey}' lists {names?.Length ?? 0} names that do not match the file's {file.Tensors.Count} tensors one to one.");
        return names.Select(n => file[n]);
    }
}
