using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class SafeTensorsIOTests : IDisposable
{
    private readonly TempDirectory _dir = new("fu-nn-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StateDict_MixedDtypes_RoundTripsThroughAFileWithMetadata()
    {
        var path = _dir.File("model.safetensors");
        using var source = new Mixed();
        using (torch.no_grad())
        {
            source.get_parameter("w64").normal_();
        }

        await source.SaveStateDictAsync(path, [new("format", "pt"), new("round", "7")]);
        var file = await SafeTensorsFile.ReadFileAsync(path);
        using var target = new Mixed();
        var result = await target.LoadStateDictAsync(path);

        Assert.Equal("7", file.Metadata["round"]);
        Assert.Equal(SafeTensorDType.F32, file["lin.weight"].DType);
        Assert.Equal(SafeTensorDType.F64, file["w64"].DType);
        Assert.Equal(SafeTensorDType.I64, file["steps"].DType);
        Assert.Equal([2L, 3L], file["lin.weight"].Shape);
        Assert.Empty(result.MissingKeys);
        foreach (var ((name, a), (_, b)) in source.StateEntries().Zip(target.StateEntries()))
        {
            Assert.True(a.equal(b), name);
        }

        // Loaded tensors are the caller's; a dispose scope cannot span the await, so free them by hand.
        var loaded = await StateDictSafeTensors.LoadAsync(path);
        Assert.Equal(["w64", "steps", "lin.weight", "lin.bias"], loaded.Keys);
        Assert.Equal([41L, -3L], loaded["steps"].ToArray<long>());
        Assert.Equal(ScalarType.Float64, loaded["w64"].dtype);
        foreach (var t in loaded.Values)
        {
            t.Dispose();
        }
    }

    [Fact]
    public async Task Adapter_RoundTripsThroughAFile_AndLoadsIntoAFreshInjectedModel()
    {
        var path = _dir.File("adapter.safetensors");
        var config = new LoRAConfig { TargetModules = ["fc1"], Rank = 2, Alpha = 4 };
        using var a = torch.nn.Sequential(("fc1", torch.nn.Linear(3, 4)), ("fc2", torch.nn.Linear(4, 2)));
        using var b = torch.nn.Sequential(("fc1", torch.nn.Linear(3, 4)), ("fc2", torch.nn.Linear(4, 2)));
        a.InjectLoRA(config);
        b.InjectLoRA(config);
        foreach (var p in a.lora_parameters())
        {
            p.normal_();
        }

        await a.SaveAdapterAsync(path, [new("base", "mlp")]);
        await b.LoadAdapterAsync(path);

        var file = await SafeTensorsFile.ReadFileAsync(path);
        Assert.Equal(["fc1.lora_A", "fc1.lora_B"], file.Tensors.Select(t => t.Name).Order());
        var (la, lb) = ((Modules.LoRALinear)a.get_submodule("fc1"), (Modules.LoRALinear)b.get_submodule("fc1"));
        Assert.Equal(la.lora_A.ToArray<float>(), lb.lora_A.ToArray<float>());
        Assert.Equal(la.lora_B.ToArray<float>(), lb.lora_B.ToArray<float>());
        Assert.Equal("mlp", file.Metadata["base"]);
    }

    [Fact]
    public async Task LoadStateDictAsync_FileOfAnotherModel_ThrowsNamingKeysAndChangesNothing()
    {
        var path = _dir.File("other.safetensors");
        using var other = torch.nn.Linear(3, 5);
        await other.SaveStateDictAsync(path);
        using var model = torch.nn.Linear(3, 4);
        var before = model.weight.ToArray<float>();

        var ex = await Assert.ThrowsAsync<StateDictLoadException>(() => model.LoadStateDictAsync(path));

        Assert.Equal(["bias", "weight"], ex.MismatchedKeys.Select(m => m.Key).Order());
        Assert.Equal(before, model.weight.ToArray<float>());
    }

    private sealed class Mixed : torch.nn.Module
    {
        public Mixed()
        {
            register_module("lin", torch.nn.Linear(3, 2));
            register_parameter("w64", torch.nn.Parameter(torch.zeros([2, 2], torch.float64)));
            register_buffer("steps", torch.tensor<long>([41, -3]));
        }
    }
}
