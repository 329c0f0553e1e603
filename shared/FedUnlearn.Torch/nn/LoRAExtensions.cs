using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Torch;

/// <summary>
/// LoRA on a whole model: inject adapters into chosen Linear layers, list and (de)serialise only the
/// adapter (every <c>lora_A</c>/<c>lora_B</c>), merge or disable them all at once.
/// </summary>
public static class LoRAExtensions
{
    /// <summary>
    /// Replaces every <see cref="Linear"/> matching <paramref name="config"/>'s targets with a
    /// <see cref="LoRALinear"/> over the same (frozen) weights, and freezes every other parameter: afterwards
    /// exactly the adapters' A and B are trainable. Nothing changes when a check fails.
    /// </summary>
    /// <returns>The dotted names of the adapted layers, in model order.</returns>
    /// <exception cref="ArgumentException">Invalid config, or a target that matches no Linear (the message lists the Linear layers there are).</exception>
    /// <exception cref="InvalidOperationException">A target matches a layer that already has an adapter.</exception>
    public static IReadOnlyList<string> InjectLoRA(this torch.nn.Module model, LoRAConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var all = model.named_modules().Where(m => m.name.Length > 0).ToList();
        bool Matches(string name) => config.TargetModules.Any(t => name == t || name.EndsWith("." + t, StringComparison.Ordinal));
        var already = all.Where(m => m.module is LoRALinear && Matches(m.name)).Select(m => m.name).ToList();
        if (already.Count > 0)
        {
            throw new InvalidOperationException($"These layers already have LoRA adapters: {string.Join(", ", already)}.");
        }

        var targets = all.Where(m => m.module is Linear && Matches(m.name)).ToList();
        var unmatched = config.TargetModules.Where(t => !targets.Any(m => m.name == t || m.name.EndsWith("." + t, StringComparison.Ordinal))).ToList();
        if (unmatched.Count > 0)
        {
            var linears = all.Where(m => m.module is Linear).Select(m => m.name).ToList();
            throw new ArgumentException(
                $"LoRA target(s) {string.Join(", ", unmatched)} match no Linear layer of {model.GetType().Name}; its Linear layers are: "
                + (linears.Count == 0 ? "(none)" : string.Join(", ", linears)) + ".",
                nameof(config));
        }

        model.requires_grad_(false);
        foreach (var (name, module) in targets)
        {
            var dot = name.LastIndexOf('.');
            var parent = dot < 0 ? model : model.get_submodule(name[..dot]);
            var adapter = LoRALinear.FromLinear((Linear)module, config.Rank, config.Alpha, config.Dropout);
            parent.replace_module(name[(dot + 1)..], adapter).Dispose();
        }

        return targets.Select(t => t.name).ToList();
    }

    /// <summary>Every adapter matrix (<c>…lora_A</c>, <c>…lora_B</c>) with its dotted name, in model order.</summary>
    public static IEnumerable<(string name, Tensor parameter)> named_lora_parameters(this torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, module) in model.named_modules())
        {
            if (module is LoRALinear lora)
            {
                var prefix = name.Length == 0 ? "" : name + ".";
                yield return (prefix + "lora_A", lora.lora_A);
                yield return (prefix + "lora_B", lora.lora_B);
            }
        }
    }

    /// <summary>The adapter matrices (owned by the model), e.g. to give to an optimizer.</summary>
    public static IEnumerable<Tensor> lora_parameters(this torch.nn.Module model) => model.named_lora_parameters().Select(p => p.parameter);

    /// <summary>Only the adapter entries of <see cref="torch.nn.Module.state_dict"/> (detached, sharing storage, the caller's to dispose).</summary>
    public static OrderedDictionary<string, Tensor> adapter_state_dict(this torch.nn.Module model)
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in model.named_lora_parameters())
        {
            result.Add(name, p.detach());
        }

        return result;
    }

    /// <summary>
    /// Copies an adapter state dict into the model's lora_A/lora_B (all or nothing, as
    /// <see cref="torch.nn.Module.load_state_dict"/>); base weights are never touched.
    /// </summary>
    /// <exception cref="StateDictLoadException">Missing or unexpected adapter keys (strict), or shape mismatches.</exception>
    public static LoadStateDictResult load_adapter_state_dict(this torch.nn.Module model, IReadOnlyDictionary<string, Tensor> adapter, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.LoadInto(model.named_lora_parameters().ToList(), adapter, strict);
    }

    /// <summary>Folds every adapter into its base weight (<see cref="LoRALinear.merge"/>).</summary>
    public static void merge_adapter(this torch.nn.Module model) => ForEachLoRA(model, l => l.merge());

    /// <summary>Takes every adapter back out of its base weight (<see cref="LoRALinear.unmerge"/>).</summary>
    public static void unmerge_adapter(this torch.nn.Module model) => ForEachLoRA(model, l => l.unmerge());

    /// <summary>Enables or disables every adapter (disabled: the model computes its base output).</summary>
    public static void set_adapter_enabled(this torch.nn.Module model, bool enabled) => ForEachLoRA(model, l => l.AdapterEnabled = enabled);

    private static void ForEachLoRA(torch.nn.Module model, Action<LoRALinear> action)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var lora in model.modules().OfType<LoRALinear>())
        {
            action(lora);
        }
    }
}
