using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>
/// Turns off <c>requires_grad</c> on a run's frozen parameters and turns it back on after: leaving them
/// out of the optimizer already keeps them fixed, this also spares computing and accumulating their
/// gradients (which nothing would clear) and keeps hooks that look at gradients off them.
/// </summary>
internal readonly struct FrozenParameterScope
{
    private readonly List<Tensor>? _held;

    private FrozenParameterScope(List<Tensor> held) => _held = held;

    /// <summary>Holds the trainable parameters of <paramref name="model"/> named in <paramref name="frozen"/>.</summary>
    public static FrozenParameterScope Hold(ClassifierModel model, IReadOnlyCollection<string> frozen)
    {
        if (frozen.Count == 0) return default;
        var names = frozen.ToHashSet(StringComparer.Ordinal);
        var held = model.named_parameters(trainableOnly: true).Where(p => names.Contains(p.name)).Select(p => p.parameter).ToList();
        foreach (var p in held) p.requires_grad = false;
        return new FrozenParameterScope(held);
    }

    /// <summary>Makes the held parameters trainable again.</summary>
    public void Release()
    {
        if (_held is null) return;
        foreach (var p in _held) p.requires_grad = true;
    }
}
