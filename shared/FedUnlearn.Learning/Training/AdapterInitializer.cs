using FedUnlearn.Learning.Data.Internal;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// Re-initialises a model's LoRA adapters from a seed, the way a fresh adapter starts: B = 0 (the model
/// computes its base output again) and A drawn from LoRA's kaiming-uniform(a = √5), i.e.
/// U(−1/√in, 1/√in). The values come from a seeded generator in managed code, not libtorch's
/// process-wide one, so every client (and every thread of a simulation) gets the same bits for the
/// same seed, on every machine.
/// </summary>
public static class AdapterInitializer
{
    /// <summary>Resets every adapter of <paramref name="model"/>; returns how many layers were reset.</summary>
    public static int Reset(torch.nn.Module model, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.modules().OfType<LoRALinear>().ToList();
        using var noGrad = torch.no_grad();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var lora = layers[layer];
            lora.unmerge();
            var a = new float[lora.lora_A.numel()];
            var bound = 1.0 / Math.Sqrt(lora.in_features);
            var rng = new Xoshiro256(unchecked((ulong)seed), (ulong)layer);
            for (var i = 0; i < a.Length; i++) a[i] = (float)((2 * rng.NextDouble() - 1) * bound);
            if (lora.lora_A.dtype == ScalarType.Float32)
            {
                lora.lora_A.CopyFrom<float>(a);
            }
            else
            {
                using var values = torch.tensor<float>(a, lora.lora_A.shape, lora.lora_A.device);
                lora.lora_A.copy_(values);
            }

            lora.lora_B.zero_();
        }

        return layers.Count;
    }
}
