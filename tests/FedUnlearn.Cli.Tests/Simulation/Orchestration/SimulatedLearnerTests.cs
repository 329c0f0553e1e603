using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class SimulatedLearnerTests
{
    [Fact]
    public void Boosted_ScalesTheUpdateNotTheAdapter()
    {
        var global = new ParameterSet([new ParameterTensor("fc.lora_A", [3], [1f, -2f, 0.5f]), new ParameterTensor("fc.lora_B", [1], [0f])]);
        var trained = new ParameterSet([new ParameterTensor("fc.lora_A", [3], [1.5f, -2f, 0f]), new ParameterTensor("fc.lora_B", [1], [0.25f])]);

        var boosted = SimulatedLearner.Boosted(global, trained, 8);

        // global + 8·(trained − global)
        Assert.Equal([5f, -2f, -3.5f], boosted["fc.lora_A"].Data);
        Assert.Equal([2f], boosted["fc.lora_B"].Data);
        Assert.Equal([3], boosted["fc.lora_A"].Shape);
    }
}
