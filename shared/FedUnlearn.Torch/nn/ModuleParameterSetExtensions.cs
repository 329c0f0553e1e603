using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Torch;

/// <summary>
/// A module's parameters or adapter as a <see cref="ParameterSet"/> (named float32 arrays: what travels
/// to the aggregator), and back. Each tensor is copied in one bulk copy; values are converted to and
/// from float32 when the module has another floating dtype.
/// </summary>
public static class ModuleParameterSetExtensions
{
    /// <summary>Every floating-point state-dict entry (parameters and persistent buffers) as float32, in state-dict order.</summary>
    public static ParameterSet ToParameterSet(this torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Export(module.StateEntries().Where(e => IsFloating(e.tensor.dtype)));
    }

    /// <summary>Only the adapter (every lora_A/lora_B) as float32, in model order.</summary>
    public static ParameterSet ToAdapterParameterSet(this torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Export(module.named_lora_parameters());
    }

    /// <summary>
    /// Copies <paramref name="set"/> into the module's floating-point state entries (under no_grad). All or
    /// nothing: names and shapes are checked first.
    /// </summary>
    /// <exception cref="StateDictLoadException">Shape mismatches, or (with <paramref name="strict"/>) missing or unexpected names.</exception>
    public static LoadStateDictResult LoadParameterSet(this torch.nn.Module module, ParameterSet set, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Import(module, module.StateEntries().Where(e => IsFloating(e.tensor.dtype)).ToList(), set, strict);
    }

    /// <summary>Copies an adapter <paramref name="set"/> (lora_A/lora_B names) into the module's adapters; all or nothing.</summary>
    /// <exception cref="StateDictLoadException">Shape mismatches, or (with <paramref name="strict"/>) missing or unexpected names.</exception>
    public static LoadStateDictResult LoadAdapterParameterSet(this torch.nn.Module module, ParameterSet set, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Import(module, module.named_lora_parameters().ToList(), set, strict);
    }

    private static ParameterSet Export(IEnumerable<(string name, Tensor tensor)> entries)
    {
        var set = new ParameterSet();
        foreach (var (name, tensor) in entries)
        {
            var shape = Array.ConvertAll(tensor.shape, d => checked((int)d));
            var data = new float[tensor.numel()];
            if (tensor.dtype == ScalarType.Float32)
            {
                tensor.CopyTo<float>(data);
            }
            else
            {
                using var f32 = tensor.to(ScalarType.Float32);
                f32.CopyTo<float>(data);
            }

            set.Add(name, shape, data);
        }

        return set;
    }

    private static LoadStateDictResult Import(torch.nn.Module module, List<(string name, Tensor tensor)> targets, ParameterSet set, bool strict)
    {
        ArgumentNullException.ThrowIfNull(set);
        var offered = set.ToDictionary(t => t.Name, t => Array.ConvertAll(t.Shape, d => (long)d), StringComparer.Ordinal);
        var result = module.CheckFits(targets, offered, strict);
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in targets)
        {
            if (!set.TryGet(name, out var source))
            {
                continue;
            }

            if (tensor.dtype == ScalarType.Float32)
            {
                tensor.CopyFrom<float>(source.Data);
            }
            else
            {
                using var f32 = torch.tensor<float>(source.Data, Array.ConvertAll(source.Shape, d => (long)d), tensor.device);
                tensor.copy_(f32);
            }
        }

        return result;
    }

    private static bool IsFloating(ScalarType t) => t is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64;
}
