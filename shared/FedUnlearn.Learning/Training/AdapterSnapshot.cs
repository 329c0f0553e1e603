using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// A private copy of a model's adapter and other trainable parameters, to put back when a run fails:
/// what makes training and unlearning all-or-nothing. Dispose it to free the copies.
/// </summary>
public sealed class AdapterSnapshot : IDisposable
{
    private readonly List<(Tensor Live, Tensor Copy)> _entries;

    private AdapterSnapshot(List<(Tensor Live, Tensor Copy)> entries) => _entries = entries;

    /// <summary>Number of tensors copied.</summary>
    public int Count => _entries.Count;

    /// <summary>Copies every LoRA matrix and every parameter that requires grad.</summary>
    public static AdapterSnapshot Capture(torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var live = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var entries = new List<(Tensor, Tensor)>();
        using var noGrad = torch.no_grad();
        foreach (var p in model.lora_parameters().Concat(model.parameters(trainableOnly: true)))
        {
            if (!live.Add(p)) continue;
            using var detached = p.detach();
            entries.Add((p, detached.clone().DetachFromDisposeScope()));
        }

        return new AdapterSnapshot(entries);
    }

    /// <summary>Writes the copied values back into the model's parameters.</summary>
    public void Restore()
    {
        using var noGrad = torch.no_grad();
        foreach (var (live, copy) in _entries) live.copy_(copy);
    }

    /// <summary>Frees the copies.</summary>
    public void Dispose()
    {
        foreach (var (_, copy) in _entries) copy.Dispose();
        _entries.Clear();
    }
}
