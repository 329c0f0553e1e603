using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class ParameterSetConversionTests
{
    [Fact]
    public void ToParameterSet_CopiesEveryFloatEntryAsFloat32_InStateDictOrder()
    {
        using var model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.LayerNorm(2));

        var set = model.ToParameterSet();

        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], set.Select(t => t.Name));
        Assert.Equal([2, 3], set["0.weight"].Shape);
        Assert.Equal(model.get_parameter("0.weight").ToArray<float>(), set["0.weight"].Data);
        // A copy: changing the set leaves the model alone.
        set["0.weight"].Data[0] = 99;
        Assert.NotEqual(99f, model.get_parameter("0.weight").ToArray<float>()[0]);
    }

    [Fact]
    public void AdapterParameterSet_RoundTrip_IntoFloat64Model()
    {
        var config = new LoRAConfig { TargetModules = ["fc1"], Rank = 2, Alpha = 2 };
        using var a = torch.nn.Sequential(("fc1", torch.nn.Linear(3, 4)));
        using var b = torch.nn.Sequential(("fc1", torch.nn.Linear(3, 4))).to(torch.float64);
        a.InjectLoRA(config);
        b.InjectLoRA(config);
        foreach (var p in a.lora_parameters())
        {
            p.normal_();
        }

        var set = a.ToAdapterParameterSet();
        b.LoadAdapterParameterSet(set);

        Assert.Equal(["fc1.lora_A", "fc1.lora_B"], set.Select(t => t.Name));
        Assert.Equal([4, 2], set["fc1.lora_B"].Shape);
        Assert.Equal(set["fc1.lora_B"].Data.Select(v => (double)v), b.get_parameter("fc1.lora_B").ToArray<double>());
        Assert.Equal(ScalarType.Float64, b.get_parameter("fc1.lora_B").dtype);
    }

    [Fact]
    public void LoadParameterSet_WrongShapeOrName_ThrowsAndChangesNothing()
    {
        using var model = torch.nn.Linear(3, 2);
        var before = model.weight.ToArray<float>();
        var set = new ParameterSet();
        set.Add("weight", [2, 3], new float[6]);
        set.Add("bias", [3], new float[3]);
        set.Add("scale", [1], [1f]);

        var ex = Assert.Throws<StateDictLoadException>(() => model.LoadParameterSet(set));

        Assert.Equal("bias", Assert.Single(ex.MismatchedKeys).Key);
        Assert.Equal(["scale"], ex.UnexpectedKeys);
        Assert.Equal(before, model.weight.ToArray<float>());
    }

    [Fact]
    public void LoadParameterSet_Matching_CopiesValues()
    {
        using var model = torch.nn.Linear(2, 1);
        var set = new ParameterSet();
        set.Add("weight", [1, 2], [0.5f, -2f]);
        set.Add("bias", [1], [3f]);

        model.LoadParameterSet(set);

        Assert.Equal([0.5f, -2f], model.weight.ToArray<float>());
        Assert.Equal([3f], model.bias!.ToArray<float>());
        Assert.True(model.weight.requires_grad);
    }
}
