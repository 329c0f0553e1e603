using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Tests.Federation.Support;

/// <summary>Small hand-made adapters whose FedAvg is exact in float32 (multiples of 1/4).</summary>
internal static class TestAdapters
{
    /// <summary>The initial global adapter: <c>fc.lora_A</c> [2, 3] and <c>fc.lora_B</c> [3, 2].</summary>
    public static ParameterSet Global() => Make(a: [1, 2, 3, 4, 5, 6], b: [0, 0, 0, 0, 0, 0]);

    /// <summary>A delta with the global layout, every value <paramref name="value"/>.</summary>
    public static ParameterSet Delta(float value) => Make(Enumerable.Repeat(value, 6).ToArray(), Enumerable.Repeat(value, 6).ToArray());

    public static ParameterSet Make(float[] a, float[] b) => new([
        new ParameterTensor("fc.lora_A", [2, 3], a),
        new ParameterTensor("fc.lora_B", [3, 2], b),
    ]);
}
