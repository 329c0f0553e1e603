using System.Text.Json;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>
/// State dicts and adapters as safetensors files (the format PyTorch, PEFT and Hugging Face use), through
/// the Contracts codec. F32, F64, I64, I32, F16, U8 and Bool tensors are kept in their dtype; the dict's
/// order is recorded in the metadata (<see cref="ParameterSetSafeTensors.ParameterOrderKey"/>) and restored on load.
/// </summary>
public static class StateDictSafeTensors
{
    /// <summary>A safetensors file holding copies of <paramref name="stateDict"/>'s tensors plus <paramref name="metadata"/> (<c>__metadata__</c>).</summary>
    public static SafeTensorsFile ToSafeTensors(IEnumerable<KeyValuePair<string, Tensor>> stateDict, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var entries = stateDict.ToList();
        var file = new SafeTensorsFile(entries.Select(kv => SafeTensorCodec.ToSafeTensor(kv.Key, kv.Value)), metadata);
        file.Metadata[ParameterSetSafeTensors.ParameterOrderKey] = JsonSerializer.Serialize(entries.Select(kv => kv.Key).ToArray());
        return file;
    }

    /// <summary>
    /// The file's tensors as new tensors on <paramref name="device"/> (CPU by default), in the recorded order
    /// (or the file's data order when none is recorded). The tensors are the caller's (or the current dispose scope's).
    /// </summary>
    public static OrderedDictionary<string, Tensor> ToStateDict(SafeTensorsFile file, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in Ordered(file))
        {
            result.Add(entry.Name, SafeTensorCodec.ToTensor(entry, device));
        }

        return result;
    }

    /// <summary>Writes <paramref name="stateDict"/> to a safetensors file at <paramref name="path"/> (atomically).</summary>
    public static Task SaveAsync(IEnumerable<KeyValuePair<string, Tensor>> stateDict, string path,
        IEnumerable<KeyValuePair<string, string>>? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ToSafeTensors(stateDict, metadata).WriteFileAsync(path, cancellationToken);
    }

    /// <summary>Reads a safetensors file into new tensors (see <see cref="ToStateDict"/>).</summary>
    /// <exception cref="InvalidDataException">The file breaks the format.</exception>
    public static async Task<OrderedDictionary<string, Tensor>> LoadAsync(string path, Device? device = null, CancellationToken cancellationToken = default)
    {
        var file = await SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToStateDict(file, device);
    }

    private static IEnumerable<SafeTensor> Ordered(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(ParameterSetSafeTensors.ParameterOrderKey, out var json))
        {
            return file.Tensors;
        }

        string[]? names;
        try
        {
            names = JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            names = null;
        }

        // An order that does not list exactly the file's tensors is ignored rather than trusted.
        var valid = names is not null && names.Length == file.Tensors.Count && names.Distinct(StringComparer.Ordinal).Count() == names.Length
            && names.All(n => file.TryGet(n, out _));
        return valid ? names!.Select(n => file[n]) : file.Tensors;
    }
}
