using FedUnlearn.Client.Learning;
using FedUnlearn.Learning.Models;
using Wire = FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Tests.Learning;

public sealed class ModelSpecMapperTests
{
    public static TheoryData<string> Specs() => new()
    {
        ModelFactory.SpecToJson(new ModelSpec { Kind = ModelKind.Mlp, ImageSize = 8, NumClasses = 3, HiddenSizes = [32, 16, 8], LoRA = new(["fc1", "head"], 4, 8) }),
        ModelFactory.SpecToJson(new ModelSpec { Kind = ModelKind.Cnn, InputChannels = 3, ImageSize = 12, ConvChannels = [4, 8], CnnHidden = 24, LoRA = new(["fc1"], 2, 2) }),
        ModelFactory.SpecToJson(new ModelSpec { Kind = ModelKind.Vit, ImageSize = 8, PatchSize = 4, EmbedDim = 16, Depth = 1, Heads = 2, MlpDim = 32,
            Pooling = VitPooling.Mean, LoRA = LoRASpec.For(ModelKind.Vit, rank: 2) }),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void ToLearning_OfToWire_GivesTheSameSpec(string json)
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<ModelSpec>(json, new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })!;

        var wire = ModelSpecMapper.ToWire(spec, initSeed: 9, freezeA: true, baseModelSha256: "ab");
        var back = ModelSpecMapper.ToLearning(wire);

        Assert.Equal(json, ModelFactory.SpecToJson(back));
        Assert.Equal([spec.InputChannels, spec.ImageSize, spec.ImageSize], wire.InputShape);
        Assert.Equal((9UL, true, "ab"), (wire.Lora.InitSeed, wire.Lora.FreezeA, wire.BaseModelSha256));
    }

    [Fact]
    public void ToLearning_VitTinyAndNoTargets_VitWithDefaultTargetsAndDefaults()
    {
        var spec = ModelSpecMapper.ToLearning(Wire("VIT-TINY", [1, 28, 28], lora: new Wire.LoraSpec { Rank = 4, Alpha = 8 }));

        Assert.Equal(ModelKind.Vit, spec.Kind);
        Assert.Equal(new ModelSpec().EmbedDim, spec.EmbedDim);
        Assert.Equal(LoRASpec.DefaultTargets(ModelKind.Vit), spec.LoRA!.Targets);
        Assert.Equal((4, 8.0), (spec.LoRA.Rank, spec.LoRA.Alpha));
    }

    [Fact]
    public void ToLearning_HeightWidthOnly_OneChannel()
    {
        var spec = ModelSpecMapper.ToLearning(Wire("mlp", [16, 16]));

        Assert.Equal((1, 16, 10), (spec.InputChannels, spec.ImageSize, spec.NumClasses));
        Assert.Null(spec.LoRA);
    }

    [Theory]
    [InlineData("resnet", "1,28,28", "", "", "unknown architecture 'resnet'; expected mlp, cnn or vit (vit-tiny)")]
    [InlineData("mlp", "1,28,20", "", "", "input_shape [1, 28, 20] must hold square images")]
    [InlineData("mlp", "28", "", "", "input_shape [28] must be [channels, height, width] or [height, width]")]
    [InlineData("mlp", "1,28,28", "hidden_sizes", "256,abc", "option 'hidden_sizes' = '256,abc' must be positive integers separated by commas")]
    [InlineData("mlp", "1,28,28", "patch_size", "7", "option 'patch_size' does not apply to mlp; it takes hidden_sizes")]
    [InlineData("cnn", "1,28,28", "cnn_hidden", "-3", "option 'cnn_hidden' = '-3' must be a positive integer")]
    [InlineData("vit", "1,28,28", "pooling", "max", "option 'pooling' = 'max' must be cls or mean")]
    [InlineData("vit", "1,28,28", "patch_size", "5", "ModelSpec.PatchSize must divide the image size 28")]
    public void ToLearning_BadSpec_ClearError(string architecture, string shape, string key, string value, string expected)
    {
        var wire = Wire(architecture, shape.Split(',').Select(long.Parse).ToArray());
        if (key.Length > 0) wire.Options[key] = value;

        var error = Assert.Throws<ArgumentException>(() => ModelSpecMapper.ToLearning(wire));

        Assert.StartsWith("The announced model spec is invalid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToLearning_ZeroClassesOrRank_ClearError()
    {
        var noClasses = Wire("mlp", [1, 28, 28]);
        noClasses.NumClasses = 0;
        Assert.Contains("num_classes must be positive", Assert.Throws<ArgumentException>(() => ModelSpecMapper.ToLearning(noClasses)).Message, StringComparison.Ordinal);
        var noRank = Wire("mlp", [1, 28, 28], new Wire.LoraSpec { Rank = 0, Alpha = 8 });
        Assert.Contains("lora.rank must be positive", Assert.Throws<ArgumentException>(() => ModelSpecMapper.ToLearning(noRank)).Message, StringComparison.Ordinal);
    }

    private static Wire.ModelSpec Wire(string architecture, long[] shape, Wire.LoraSpec? lora = null)
    {
        var spec = new Wire.ModelSpec { Architecture = architecture, NumClasses = 10, Lora = lora };
        spec.InputShape.AddRange(shape);
        return spec;
    }
}
