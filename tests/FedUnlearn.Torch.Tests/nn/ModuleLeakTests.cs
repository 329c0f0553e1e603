using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;

namespace FedUnlearn.Torch.Tests.nn;

/// <summary>Modules free every native tensor they create: the live-tensor counter returns to its baseline.</summary>
[Collection(SerialCollection.Name)]
public sealed class ModuleLeakTests
{
    [Fact]
    public void BuildTrainStepInjectAndDispose_ReturnsLiveTensorCountToBaseline()
    {
        var baseline = Tensor.LiveCount;
        var model = torch.nn.Sequential(
            torch.nn.TransformerEncoderBlock(8, 2, 16, dropout: 0.1),
            torch.nn.Flatten(),
            torch.nn.Linear(24, 3));
        model.InjectLoRA(new LoRAConfig { TargetModules = ["q_proj", "v_proj", "fc1", "2"], Rank = 2 });
        using (torch.NewDisposeScope())
        {
            var x = torch.randn([2, 3, 8]);
            model.forward(x).sum().backward();
            _ = model.state_dict();
            _ = model.adapter_state_dict();
            _ = model.ToAdapterParameterSet();
        }

        model.merge_adapter();
        model.to(torch.float64);
        Assert.True(Tensor.LiveCount > baseline);

        model.Dispose();

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void ForwardOutsideAScope_LeavesOnlyTheOutputAlive()
    {
        using var model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, padding: 1), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(32, 2));
        using var x = torch.randn([1, 1, 4, 4]);
        var before = Tensor.LiveCount;

        using (var y = model.forward(x))
        {
            Assert.Equal(before + 1, Tensor.LiveCount);
        }

        Assert.Equal(before, Tensor.LiveCount);
    }
}
