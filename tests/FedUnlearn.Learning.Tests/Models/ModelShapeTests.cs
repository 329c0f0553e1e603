using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;
using FedUnlearn.Learning.Tests.Support;

namespace FedUnlearn.Learning.Tests.Models;

[Collection(TorchModelCollection.Name)]
public sealed class ModelShapeTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    public static TheoryData<ModelKind, long> Kinds => new() { { ModelKind.Mlp, 256 }, { ModelKind.Cnn, 128 }, { ModelKind.Vit, 64 } };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Forward_ImagesOrRows_GivesLogitsAndFeatures(ModelKind kind, long featureDim)
    {
        using var model = ModelFactory.Create(new ModelSpec { Kind = kind }, seed: 1);
        var images = torch.randn(5, 1, 28, 28);
        Assert.Equal([5L, 10], model.forward(images).shape);
        Assert.Equal([5L, featureDim], model.features(images).shape);
        Assert.Equal(featureDim, model.FeatureDim);
        Assert.Equal(model.forward(images).ToArray<float>(), model.forward(images.reshape(5, 784)).ToArray<float>());
        Assert.Equal(model.forward(images).ToArray<float>(), model.classify(model.features(images)).ToArray<float>());
        Assert.Throws<ArgumentException>(() => model.forward(torch.randn(5, 3, 28, 28)));
    }

    [Fact]
    public void Mlp_DefaultSpec_Is784x256x256x10()
    {
        using var model = ModelFactory.Create(ModelSpec.Mlp());
        var shapes = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "head.weight", "head.bias"], shapes.Keys);
        Assert.Equal([256L, 784], shapes["fc1.weight"]);
        Assert.Equal([256L, 256], shapes["fc2.weight"]);
        Assert.Equal([10L, 256], shapes["head.weight"]);
    }

    [Fact]
    public void Vit_DefaultSpec_HasSixteenPatchTokensPlusClassToken()
    {
        using var model = ModelFactory.Create(ModelSpec.Vit());
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal([1L, 17, 64], model.get_parameter("pos_embed").shape);
        Assert.Equal([64L, 49], model.get_parameter("patch_embed.weight").shape);
        Assert.Contains("blocks.1.attn.q_proj.weight", names);
        Assert.Contains("blocks.1.fc2.weight", names);
        Assert.DoesNotContain(names, n => n.StartsWith("blocks.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Vit_MeanPooling_HasNoClassToken()
    {
        using var model = ModelFactory.Create(ModelSpec.Vit() with { Pooling = VitPooling.Mean });
        Assert.DoesNotContain(model.named_parameters(), p => p.name == "cls_token");
        Assert.Equal([1L, 16, 64], model.get_parameter("pos_embed").shape);
        Assert.Equal([3L, 64], model.features(torch.randn(3, 1, 28, 28)).shape);
    }

    [Fact]
    public void Create_SameSeed_SameWeights()
    {
        using var a = ModelFactory.Create(ModelSpec.Cnn(), seed: 7);
        using var b = ModelFactory.Create(ModelSpec.Cnn(), seed: 7);
        using var c = ModelFactory.Create(ModelSpec.Cnn(), seed: 8);
        Assert.Equal(a.ToParameterSet().ContentHash(), b.ToParameterSet().ContentHash());
        Assert.NotEqual(a.ToParameterSet().ContentHash(), c.ToParameterSet().ContentHash());
    }

    [Fact]
    public void Create_InvalidSpec_ThrowsNamingTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelFactory.Create(ModelSpec.Vit() with { EmbedDim = 30 }));
        Assert.Contains("EmbedDim", e.Message);
        Assert.Throws<ArgumentException>(() => ModelFactory.Create(ModelSpec.Vit() with { PatchSize = 5 }));
        Assert.Throws<ArgumentException>(() => ModelFactory.Create(ModelSpec.Mlp() with { HiddenSizes = [] }));
        Assert.Throws<ArgumentException>(() => ModelFactory.Create(ModelSpec.Mlp(new LoRASpec(["nope"]))));
    }
}
