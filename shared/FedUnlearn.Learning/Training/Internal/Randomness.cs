using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>Seeding of libtorch's generator, only where a run actually draws from it.</summary>
internal static class Randomness
{
    /// <summary>
    /// Seeds libtorch when the model has an active dropout. libtorch's generator is process-wide, so
    /// seeding a deterministic model would only disturb unrelated work on other threads (another
    /// client of a simulation initialising its model) without making this run any more reproducible.
    /// </summary>
    public static void SeedIfStochastic(torch.nn.Module model, long seed)
    {
        var stochastic = model.modules().Any(m => m switch
        {
            Dropout d => d.p > 0,
            LoRALinear l => l.lora_dropout > 0,
            MultiheadAttention a => a.dropout > 0,
            _ => false,
        });
        if (stochastic) torch.manual_seed(seed);
    }
}
