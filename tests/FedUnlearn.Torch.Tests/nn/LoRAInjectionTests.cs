using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class LoRAInjectionTests
{
    private static readonly LoRAConfig Config = new() { TargetModules = ["q_proj", "v_proj", "fc1"], Rank = 2, Alpha = 4 };

    [Fact]
    public void InjectLoRA_ReplacesMatchingLinears_AndOnlyAdaptersStayTrainable()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Vit();
        var x = torch.randn([2, 3, 8]);
        var before = model.forward(x);

        var injected = model.InjectLoRA(Config);

        Assert.Equal(["0.attn.q_proj", "0.attn.v_proj", "0.fc1", "1.attn.q_proj", "1.attn.v_proj", "1.fc1"], injected);
        Assert.IsType<LoRALinear>(model.get_submodule("0.attn.q_proj"));
        Assert.IsType<Linear>(model.get_submodule("0.attn.k_proj"));
        Assert.Equal(
            ["0.attn.q_proj.lora_A", "0.attn.q_proj.lora_B", "0.attn.v_proj.lora_A", "0.attn.v_proj.lora_B", "0.fc1.lora_A", "0.fc1.lora_B",
             "1.attn.q_proj.lora_A", "1.attn.q_proj.lora_B", "1.attn.v_proj.lora_A", "1.attn.v_proj.lora_B", "1.fc1.lora_A", "1.fc1.lora_B"],
            model.named_parameters(trainableOnly: true).Select(p => p.name));
        Assert.Equal(model.named_parameters(trainableOnly: true).Select(p => p.name), model.named_lora_parameters().Select(p => p.name));
        // B = 0: the injected model computes exactly what the base did, and the base keys are unchanged.
        Assert.True(model.forward(x).equal(before));
        Assert.Contains("0.attn.q_proj.weight", model.state_dict().Keys);
    }

    [Fact]
    public void InjectLoRA_TrainedAdapter_ChangesOutput_DisableRestoresBase_MergeKeepsIt()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Vit();
        var x = torch.randn([2, 3, 8]);
        var baseOut = model.forward(x);
        model.InjectLoRA(Config);
        foreach (var b in model.named_lora_parameters().Where(p => p.name.EndsWith("lora_B", StringComparison.Ordinal)))
        {
            b.parameter.normal_(0, 0.5);
        }

        var adapted = model.forward(x);
        Assert.False(adapted.allclose(baseOut, atol: 1e-4));
        model.set_adapter_enabled(false);
        Assert.True(model.forward(x).allclose(baseOut, rtol: 1e-5, atol: 1e-6));
        model.set_adapter_enabled(true);
        model.merge_adapter();
        Assert.True(model.forward(x).allclose(adapted, rtol: 1e-4, atol: 1e-5));
        model.unmerge_adapter();
        Assert.True(model.forward(x).allclose(adapted, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void InjectLoRA_UnknownTarget_ListsTheLinearLayersAndChangesNothing()
    {
        using var model = torch.nn.Sequential(("fc1", torch.nn.Linear(2, 2)), ("act", torch.nn.ReLU()), ("head", torch.nn.Linear(2, 1)));

        var ex = Assert.Throws<ArgumentException>(() => model.InjectLoRA(new LoRAConfig { TargetModules = ["fc1", "q_proj"] }));

        Assert.Contains("q_proj", ex.Message);
        Assert.Contains("fc1, head", ex.Message);
        Assert.IsType<Linear>(model.get_submodule("fc1"));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void InjectLoRA_Twice_Throws()
    {
        using var model = torch.nn.Sequential(("fc1", torch.nn.Linear(2, 2)));
        model.InjectLoRA(new LoRAConfig { TargetModules = ["fc1"] });
        Assert.Throws<InvalidOperationException>(() => model.InjectLoRA(new LoRAConfig { TargetModules = ["fc1"] }));
        Assert.Throws<ArgumentException>(() => model.InjectLoRA(new LoRAConfig { TargetModules = ["fc1"], Rank = 0 }));
    }

    [Fact]
    public void AdapterStateDict_HoldsOnlyLoRAMatrices_AndLoadsIntoAnotherModel()
    {
        using var scope = torch.NewDisposeScope();
        using var a = Vit();
        using var b = Vit();
        b.load_state_dict(a.state_dict());
        a.InjectLoRA(Config);
        b.InjectLoRA(Config);
        foreach (var p in a.lora_parameters())
        {
            p.normal_();
        }

        var adapter = a.adapter_state_dict();
        Assert.Equal(12, adapter.Count);
        Assert.All(adapter.Keys, k => Assert.Matches(@"\.lora_[AB]$", k));
        b.load_adapter_state_dict(adapter);

        var x = torch.randn([1, 4, 8]);
        Assert.True(a.forward(x).equal(b.forward(x)));
        adapter.Remove("1.fc1.lora_B");
        var ex = Assert.Throws<StateDictLoadException>(() => b.load_adapter_state_dict(adapter));
        Assert.Equal(["1.fc1.lora_B"], ex.MissingKeys);
    }

    private static Sequential Vit() =>
        torch.nn.Sequential(torch.nn.TransformerEncoderBlock(8, 2, 16), torch.nn.TransformerEncoderBlock(8, 2, 16));
}
