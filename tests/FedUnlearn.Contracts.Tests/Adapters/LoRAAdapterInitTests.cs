using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Contracts.Tests.Adapters;

public sealed class LoRAAdapterInitTests
{
    [Fact]
    public void DrawA_SameSeedAndLayer_SameBitsWithinKaimingBound()
    {
        var a = LoRAAdapterInit.DrawA(seed: 7, layerIndex: 1, rank: 4, inFeatures: 64);
        var again = LoRAAdapterInit.DrawA(seed: 7, layerIndex: 1, rank: 4, inFeatures: 64);

        Assert.Equal(256, a.Length);
        Assert.Equal(a, again);
        Assert.All(a, v => Assert.InRange(v, -0.125f, 0.125f));
        // Uniform on ±1/8: the largest of 256 draws is close to the bound, the mean close to 0.
        Assert.InRange(a.Max(Math.Abs), 0.12f, 0.125f);
        Assert.InRange(a.Average(v => (double)v), -0.02, 0.02);
    }

    [Fact]
    public void DrawA_OtherSeedOrLayer_OtherValues()
    {
        var a = LoRAAdapterInit.DrawA(7, 0, 2, 16);
        Assert.NotEqual(a, LoRAAdapterInit.DrawA(8, 0, 2, 16));
        Assert.NotEqual(a, LoRAAdapterInit.DrawA(7, 1, 2, 16));
    }

    [Fact]
    public void Create_Layers_SeededAZeroBInModelOrder()
    {
        var adapter = LoRAAdapterInit.Create([new("fc1", 12, 5), new("head", 5, 3)], rank: 2, seed: 3);

        Assert.Equal(["fc1.lora_A", "fc1.lora_B", "head.lora_A", "head.lora_B"], adapter.Select(t => t.Name));
        Assert.Equal([2, 12], adapter["fc1.lora_A"].Shape);
        Assert.Equal([5, 2], adapter["fc1.lora_B"].Shape);
        Assert.Equal([3, 2], adapter["head.lora_B"].Shape);
        Assert.Equal(LoRAAdapterInit.DrawA(3, 1, 2, 5), adapter["head.lora_A"].Data);
        Assert.All(adapter["head.lora_B"].Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void FindLayers_BaseFile_MatchesSuffixesInRecordedOrder()
    {
        var file = BaseFile(
            ("net.fc2.weight", [3, 8]), ("net.fc2.bias", [3]), ("conv.weight", [4, 1, 3, 3]), ("net.fc1.weight", [8, 12]), ("norm.weight", [8]));

        var layers = LoRAAdapterInit.FindLayers(file, ["fc1", "fc2"]);

        // The recorded order (fc2 first), not the file's alphabetical layout.
        Assert.Equal([new LoRALayerShape("net.fc2", 8, 3), new LoRALayerShape("net.fc1", 12, 8)], layers);
    }

    [Fact]
    public void FindLayers_TargetMatchingNothing_ErrorListsTheLinearLayers()
    {
        var file = BaseFile(("fc1.weight", [8, 12]), ("conv.weight", [4, 1, 3, 3]));

        var error = Assert.Throws<ArgumentException>(() => LoRAAdapterInit.FindLayers(file, ["fc1", "q_proj"]));

        Assert.Contains("q_proj", error.Message, StringComparison.Ordinal);
        Assert.Contains("its linear layers are: fc1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindLayers_NoRecordedOrder_ClearError()
    {
        var file = new SafeTensorsFile([SafeTensor.FromSingles("fc1.weight", [2, 2], new float[4])]);

        var error = Assert.Throws<InvalidDataException>(() => LoRAAdapterInit.FindLayers(file, ["fc1"]));

        Assert.Contains(ParameterSetSafeTensors.ParameterOrderKey, error.Message, StringComparison.Ordinal);
    }

    private static SafeTensorsFile BaseFile(params (string Name, int[] Shape)[] tensors) =>
        new ParameterSet(tensors.Select(t => new ParameterTensor(t.Name, t.Shape, new float[t.Shape.Aggregate(1, (a, b) => a * b)]))).ToSafeTensors();
}
