using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Contracts.Tests.Adapters;

internal static class AdapterTestData
{
    /// <summary>A seeded LoRA-like set of about 5.4 MiB: several 1 MiB chunks plus a partial one.</summary>
    public static ParameterSet Large()
    {
        var random = new Random(1234);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new ParameterSet(
        [
            new ParameterTensor("fc1.lora_A", [16, 50_000], Values(800_000)),
            new ParameterTensor("fc1.lora_B", [600_000, 1], Values(600_000)),
            new ParameterTensor("head.bias", [10], Values(10)),
        ]);
    }

    public static ParameterSet Small() => new([new ParameterTensor("w", [2, 2], [1f, -2f, 3.5f, 0.25f])]);
}
