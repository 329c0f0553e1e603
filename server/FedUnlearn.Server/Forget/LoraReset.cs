using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Forget;

/// <summary>
/// Re-initialises a LoRA adapter on the server, for federated retraining: every <c>lora_B</c> tensor
/// becomes zero (so the adapted model equals the base model exactly), and every <c>lora_A</c> tensor
/// is drawn afresh so that nothing learned from the forgotten data survives in A either. Other
/// tensors are kept.
/// </summary>
/// <remarks>
/// A is drawn by <see cref="LoRAAdapterInit.DrawA"/>, the same rule every client's learner and the
/// server's initial adapter use (layer index = position of the <c>lora_A</c> tensor among the
/// adapter's A tensors, in model order): a reset with seed s equals a fresh adapter created with s.
/// </remarks>
public static class LoraReset
{
    /// <summary>A re-initialised copy of <paramref name="adapter"/> (the input is not changed).</summary>
    /// <exception cref="ArgumentException">A <c>lora_A</c> tensor is not a 2-D [rank, in] matrix.</exception>
    public static ParameterSet Reinitialize(ParameterSet adapter, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var result = new ParameterSet();
        var layer = 0;
        foreach (var tensor in adapter)
        {
            var copy = tensor.Clone();
            if (tensor.Name.Contains("lora_B", StringComparison.Ordinal))
            {
                Array.Clear(copy.Data);
            }
            else if (tensor.Name.Contains("lora_A", StringComparison.Ordinal))
            {
                if (tensor.Shape.Length != 2)
                    throw new ArgumentException($"LoRA tensor '{tensor.Name}' has shape {tensor.ShapeText}; a lora_A is [rank, in].", nameof(adapter));
                var drawn = LoRAAdapterInit.DrawA(unchecked((long)seed), layer++, tensor.Shape[0], tensor.Shape[1]);
                drawn.CopyTo(copy.Data, 0);
            }
            result.Add(copy);
        }
        return result;
    }
}
