using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// Re-initialises a model's LoRA adapters from a seed, the way a fresh adapter starts: B = 0 (the model
/// computes its base output again) and A drawn from LoRA's kaiming-uniform(a = √5), i.e.
/// U(−1/√in, 1/√in). The values come from <see cref="LoRAAdapterInit"/> (a seeded generator in managed
/// code, not libtorch's process-wide one), so every client, every thread of a simulation and the
/// aggregator (which builds the initial adapter without libtorch) get the same bits for the same seed.
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
            var a = LoRAAdapterInit.DrawA(seed, layer, checked((int)lora.lora_A.shape[0]), checked((int)lora.in_features));
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
