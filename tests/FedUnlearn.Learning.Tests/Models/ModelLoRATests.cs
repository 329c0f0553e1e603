using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;
using FedUnlearn.Learning.Tests.Support;

namespace FedUnlearn.Learning.Tests.Models;

[Collection(TorchModelCollection.Name)]
public sealed class ModelLoRATests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void Mlp_DefaultLoRA_AdaptsAllThreeLinearsAndFreezesBase()
    {
        using var model = ModelFactory.Create(ModelSpec.Mlp(LoRASpec.For(ModelKind.Mlp, rank: 8)), seed: 3);
        var lora = model.named_lora_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(["fc1.lora_A", "fc1.lora_B", "fc2.lora_A", "fc2.lora_B", "head.lora_A", "head.lora_B"], lora.Keys);
        Assert.Equal([8L, 784], lora["fc1.lora_A"]);
        Assert.Equal([10L, 8], lora["head.lora_B"]);
        Assert.Equal(lora.Keys, model.named_parameters(trainableOnly: true).Select(p => p.name));
        Assert.NotNull(model.Spec.LoRA);
    }

    [Fact]
    public void Vit_DefaultLoRA_AdaptsQkvoAndMlpLinearsOfEveryBlock()
    {
        using var model = ModelFactory.Create(ModelSpec.Vit(LoRASpec.For(ModelKind.Vit)), seed: 3);
        var adapted = model.named_lora_parameters().Select(p => p.name[..p.name.LastIndexOf('.')]).Distinct().ToList();
        string[] perBlock = ["attn.q_proj", "attn.k_proj", "attn.v_proj", "attn.out_proj", "fc1", "fc2"];
        Assert.Equal([.. perBlock.Select(n => "blocks.0." + n), .. perBlock.Select(n => "blocks.1." + n)], adapted);
        Assert.Equal(24, model.parameters(trainableOnly: true).Count());
    }

    [Fact]
    public void Inject_FreshAdapter_LeavesOutputUnchanged()
    {
        using var plain = ModelFactory.Create(ModelSpec.Cnn(), seed: 5);
        using var adapted = ModelFactory.Create(ModelSpec.Cnn(LoRASpec.For(ModelKind.Cnn)), seed: 5);
        var x = torch.randn(4, 1, 28, 28);
        Assert.Equal(plain.forward(x).ToArray<float>(), adapted.forward(x).ToArray<float>());
    }

    [Fact]
    public void Adapter_RoundTripThroughParameterSet_RestoresOutputs()
    {
        using var model = ModelFactory.Create(ModelSpec.Vit(LoRASpec.For(ModelKind.Vit, rank: 4)), seed: 11);
        RandomiseAdapter(model);
        var x = torch.randn(3, 1, 28, 28);
        var before = model.forward(x).ToArray<float>();
        ParameterSet adapter = model.ToAdapterParameterSet();
        Assert.Equal(24, adapter.Count);

        using var other = ModelFactory.Create(ModelSpec.Vit(LoRASpec.For(ModelKind.Vit, rank: 4)), seed: 11);
        Assert.NotEqual(before, other.forward(x).ToArray<float>());
        other.LoadAdapterParameterSet(adapter);
        Assert.Equal(before, other.forward(x).ToArray<float>());
        Assert.Equal(adapter.ContentHash(), other.ToAdapterParameterSet().ContentHash());
    }

    [Fact]
    public async Task BaseModel_SaveAndLoad_RebuildsSpecAndWeightsAndInjectsFreshLoRA()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fu-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var model = ModelFactory.Create(ModelSpec.Mlp(LoRASpec.For(ModelKind.Mlp, mlpHiddenLayers: 1)) with { HiddenSizes = [32] }, seed: 2);
            RandomiseAdapter(model);
            await ModelFactory.SaveBaseAsync(model, path);

            using var loaded = await ModelFactory.LoadBaseAsync(path, new LoRASpec(["fc1"], Rank: 2, Alpha: 4));
            Assert.IsType<Mlp>(loaded);
            Assert.Equal([32], loaded.Spec.HiddenSizes);
            Assert.Equal(["fc1.lora_A", "fc1.lora_B"], loaded.named_lora_parameters().Select(p => p.name));
            var x = torch.randn(2, 784);
            model.set_adapter_enabled(false);
            Assert.Equal(model.forward(x).ToArray<float>(), loaded.forward(x).ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LoadBase_FileWithoutSpec_ThrowsInvalidData()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fu-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var model = ModelFactory.Create(ModelSpec.Mlp() with { HiddenSizes = [8] });
            await model.SaveStateDictAsync(path);
            await Assert.ThrowsAsync<InvalidDataException>(() => ModelFactory.LoadBaseAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void RandomiseAdapter(torch.nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var p in model.lora_parameters())
        {
            p.normal_(0, 0.1);
        }
    }
}
