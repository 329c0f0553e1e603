using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>Per-parameter state, read with PyTorch's key names.</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// A parameter's state tensor by PyTorch's key (<c>"momentum_buffer"</c> for SGD; <c>"exp_avg"</c>,
    /// <c>"exp_avg_sq"</c>, <c>"max_exp_avg_sq"</c> for Adam/AdamW), sharing storage with the optimizer's
    /// copy; null until the first step that touched the parameter created it.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not one of this optimizer's parameters, or the key is unknown.</exception>
    public Tensor? state(Tensor parameter, string key)
    {
        var slot = Slot(key);
        NativeError.Check(Native.fu_optim_state(NativeState, IndexOf(parameter), slot, out var tensor, out _));
        return Tensor.WrapOrNull(tensor);
    }

    /// <summary>How many steps updated this parameter (PyTorch's <c>state["step"]</c>; SGD keeps none and reports 0).</summary>
    public long state_step(Tensor parameter)
    {
        NativeError.Check(Native.fu_optim_state(NativeState, IndexOf(parameter), 0, out var tensor, out var step));
        Tensor.WrapOrNull(tensor)?.DetachFromDisposeScope().Dispose();
        return step;
    }

    /// <summary>The state keys this optimizer keeps, in slot order.</summary>
    private protected abstract IReadOnlyList<string> StateKeys { get; }

    private int Slot(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < StateKeys.Count; i++)
        {
            if (StateKeys[i] == key)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown state key '{key}'; this optimizer keeps: {string.Join(", ", StateKeys)}.", nameof(key));
    }

    private int IndexOf(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var index = _parameters.IndexOf(parameter);
        return index >= 0 ? index : throw new ArgumentException("The tensor is not a parameter of this optimizer.", nameof(parameter));
    }
}
