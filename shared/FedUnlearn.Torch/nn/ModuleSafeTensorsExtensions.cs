using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Torch;

/// <summary>Saving and loading a module's state dict or LoRA adapter as safetensors files.</summary>
public static class ModuleSafeTensorsExtensions
{
    /// <summary>Writes the module's <see cref="torch.nn.Module.state_dict"/> (dtypes kept) with <paramref name="metadata"/>.</summary>
    public static Task SaveStateDictAsync(this torch.nn.Module module, string path, IEnumerable<KeyValuePair<string, string>>? metadata = null,
        CancellationToken cancellationToken = default) =>
        Save(module, static m => m.state_dict(), path, metadata, cancellationToken);

    /// <summary>Writes only the adapter (every lora_A/lora_B) with <paramref name="metadata"/>.</summary>
    public static Task SaveAdapterAsync(this torch.nn.Module module, string path, IEnumerable<KeyValuePair<string, string>>? metadata = null,
        CancellationToken cancellationToken = default) =>
        Save(module, static m => m.adapter_state_dict(), path, metadata, cancellationToken);

    /// <summary>Loads a safetensors state dict (e.g. written by PyTorch) into the module via <see cref="torch.nn.Module.load_state_dict"/>.</summary>
    /// <exception cref="StateDictLoadException">The file's keys or shapes do not fit; the module is unchanged.</exception>
    /// <exception cref="InvalidDataException">The file breaks the safetensors format.</exception>
    public static async Task<LoadStateDictResult> LoadStateDictAsync(this torch.nn.Module module, string path, bool strict = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = await SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Load(file, d => module.load_state_dict(d, strict));
    }

    /// <summary>Loads a safetensors adapter into the module's lora_A/lora_B (see <see cref="LoRAExtensions.load_adapter_state_dict"/>).</summary>
    /// <exception cref="StateDictLoadException">The file's keys or shapes do not fit; the module is unchanged.</exception>
    public static async Task<LoadStateDictResult> LoadAdapterAsync(this torch.nn.Module module, string path, bool strict = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = await SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Load(file, d => module.load_adapter_state_dict(d, strict));
    }

    private static Task Save(torch.nn.Module module, Func<torch.nn.Module, OrderedDictionary<string, Tensor>> select, string path,
        IEnumerable<KeyValuePair<string, string>>? metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsFile file;
        using (torch.NewDisposeScope())
        {
            file = StateDictSafeTensors.ToSafeTensors(select(module), metadata);
        }

        return file.WriteFileAsync(path, cancellationToken);
    }

    // The tensors live only for the copy; the scope is entered and left on this thread, with no await inside.
    private static LoadStateDictResult Load(SafeTensorsFile file, Func<OrderedDictionary<string, Tensor>, LoadStateDictResult> load)
    {
        using var scope = torch.NewDisposeScope();
        return load(StateDictSafeTensors.ToStateDict(file));
    }
}
