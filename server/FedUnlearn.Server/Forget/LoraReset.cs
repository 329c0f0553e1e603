using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Forget;

/// <summary>
/// Re-initialises a LoRA adapter on the server, for federated retraining: every <c>lora_B</c> tensor
/// becomes zero (so the adapted model equals the base model exactly), and every <c>lora_A</c> tensor
/// is drawn afresh so that nothing learned from the forgotten data survives in A either. Other
/// tensors are kept.
/// </summary>
/// <remarks>
/// A is drawn like PyTorch's <c>kaiming_uniform_(a=√5)</c> for a LoRA A: uniform in
/// [−1/√fan_in, 1/√fan_in] with fan_in the product of the dimensions after the first. The draws come
/// from SplitMix64 seeded with <c>seed</c>, one output per element with tensors visited in name order, taking the top
/// 24 bits of each output as a fraction: the same seed gives the same adapter on every machine.
/// </remarks>
public static class LoraReset
{
    /// <summary>A re-initialised copy of <paramref name="adapter"/> (the input is not changed).</summary>
    public static ParameterSet Reinitialize(ParameterSet adapter, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ulong state = seed;
        var byName = new Dictionary<string, ParameterTensor>(StringComparer.Ordinal);
        foreach (ParameterTensor tensor in adapter.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            ParameterTensor copy = tensor.Clone();
            if (tensor.Name.Contains("lora_B", StringComparison.Ordinal))
            {
                Array.Clear(copy.Data);
            }
            else if (tensor.Name.Contains("lora_A", StringComparison.Ordinal))
            {
                long fanIn = 1;
                for (int d = 1; d < tensor.Shape.Length; d++) fanIn *= tensor.Shape[d];
                float bound = (float)(1.0 / Math.Sqrt(Math.Max(1, fanIn)));
                for (int i = 0; i < copy.Data.Length; i++)
                    copy.Data[i] = (float)((Next(ref state) >> 40) / (double)(1 << 24) * 2 - 1) * bound;
            }

            byName[tensor.Name] = copy;
        }

        return new ParameterSet(adapter.Select(t => byName[t.Name]));
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
