using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Forget;

namespace FedUnlearn.Server.Tests.Forget;

public sealed class LoraResetTests
{
    private static ParameterSet Adapter() => new([
        new ParameterTensor("fc.lora_A", [2, 4], [1, 2, 3, 4, 5, 6, 7, 8]),
        new ParameterTensor("fc.lora_B", [3, 2], [1, 1, 1, 1, 1, 1]),
        new ParameterTensor("head.bias", [2], [0.5f, -0.5f]),
    ]);

    [Fact]
    public void Reinitialize_ZeroesBRedrawsABoundedKeepsOthers_DeterministicPerSeed()
    {
        ParameterSet adapter = Adapter();

        ParameterSet reset = LoraReset.Reinitialize(adapter, seed: 42);

        Assert.All(reset["fc.lora_B"].Data, v => Assert.Equal(0f, v));
        Assert.All(reset["fc.lora_A"].Data, v => Assert.InRange(v, -0.5f, 0.5f)); // 1/sqrt(fan_in = 4)
        Assert.Equal(8, reset["fc.lora_A"].Data.Distinct().Count());
        Assert.Equal([0.5f, -0.5f], reset["head.bias"].Data);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], adapter["fc.lora_A"].Data);
        Assert.Equal(reset.ContentHash(), LoraReset.Reinitialize(Adapter(), 42).ContentHash());
        Assert.NotEqual(reset.ContentHash(), LoraReset.Reinitialize(Adapter(), 43).ContentHash());
    }
}
