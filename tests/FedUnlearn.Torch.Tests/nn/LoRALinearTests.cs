using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;
using FedUnlearn.Torch.Tests.Support;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class LoRALinearTests
{
    [Fact]
    public void FreshAdapter_BZero_OutputEqualsBase()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = torch.nn.Linear(6, 4);
        using var lora = LoRALinear.FromLinear(linear, rank: 2, alpha: 8);
        var x = torch.randn([3, 6]);

        Assert.All(lora.lora_B.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.Contains(lora.lora_A.ToArray<float>(), v => v != 0);
        Assert.True(linear.forward(x).equal(lora.forward(x)));
    }

    [Fact]
    public void Forward_MatchesBasePlusScaledLowRankProduct()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var lora = torch.nn.LoRALinear(3, 2, rank: 2, alpha: 6).to(torch.float64);
        lora.lora_B.normal_();
        var x = torch.randn([4, 3], torch.float64);

        // h = x W0ᵀ + b + (α/r) x Aᵀ Bᵀ, computed by hand with matmuls; α/r = 3.
        var expected = x.matmul(lora.weight.t()) + lora.bias! + (x.matmul(lora.lora_A.t()).matmul(lora.lora_B.t()) * 3.0);

        Assert.Equal(3.0, lora.scaling);
        Assert.True(lora.forward(x).allclose(expected, rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void Scale_DoublingAlpha_DoublesTheAdapterContribution()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = torch.nn.Linear(5, 3).to(torch.float64);
        using var a = LoRALinear.FromLinear(linear, rank: 4, alpha: 2);
        using var b = LoRALinear.FromLinear(linear, rank: 4, alpha: 4);
        a.lora_B.normal_();
        b.load_adapter_state_dict(a.adapter_state_dict());
        var x = torch.randn([2, 5], torch.float64);
        var baseOut = linear.forward(x);

        var deltaA = a.forward(x) - baseOut;
        var deltaB = b.forward(x) - baseOut;

        Assert.True((deltaA * 2.0).allclose(deltaB, rtol: 1e-12, atol: 1e-12));
        Assert.True(deltaA.abs().max().item<double>() > 1e-3);
    }

    [Fact]
    public void Merge_ForwardUnchangedWithinTolerance_UnmergeRestoresTheBaseWeight()
    {
        using var scope = torch.NewDisposeScope();
        using var lora = torch.nn.LoRALinear(8, 5, rank: 3, alpha: 12);
        lora.lora_B.normal_();
        var x = torch.randn([4, 8]);
        var w0 = lora.weight.ToArray<float>();
        var unmerged = lora.forward(x);

        lora.merge();
        lora.merge();
        var merged = lora.forward(x);
        Assert.True(lora.merged);
        Assert.False(lora.weight.allclose(torch.tensor<float>(w0, [5, 8])));
        Assert.True(merged.allclose(unmerged, rtol: 1e-5, atol: 1e-5));

        lora.unmerge();
        Assert.Equal(w0, lora.weight.ToArray<float>(), new Tol(1e-5));
        Assert.True(lora.forward(x).allclose(unmerged, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void DisabledAdapter_EqualsBase_EvenAfterMerge()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = torch.nn.Linear(4, 3);
        using var lora = LoRALinear.FromLinear(linear, rank: 2, alpha: 4);
        var x = torch.randn([2, 4]);
        var baseOut = linear.forward(x);
        lora.lora_B.normal_();
        lora.merge();

        lora.AdapterEnabled = false;

        Assert.False(lora.merged);
        Assert.True(lora.forward(x).allclose(baseOut, rtol: 1e-5, atol: 1e-6));
        Assert.Throws<InvalidOperationException>(lora.merge);
        lora.AdapterEnabled = true;
        Assert.False(lora.forward(x).allclose(baseOut, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Gradients_FlowOnlyIntoAAndB()
    {
        using var scope = torch.NewDisposeScope();
        using var lora = torch.nn.LoRALinear(3, 2, rank: 1, alpha: 1);
        lora.lora_B.normal_();

        lora.forward(torch.randn([5, 3])).sum().backward();

        Assert.Equal(["lora_A", "lora_B"], lora.named_parameters(trainableOnly: true).Select(p => p.name));
        Assert.Null(lora.weight.grad);
        Assert.Null(lora.bias!.grad);
        Assert.NotNull(lora.lora_A.grad);
        Assert.NotNull(lora.lora_B.grad);
    }

    [Fact]
    public void Constructor_BadRankOrAlpha_Throws()
    {
        using var linear = torch.nn.Linear(2, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRALinear.FromLinear(linear, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRALinear.FromLinear(linear, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoRALinear.FromLinear(linear, 1, 1, dropout: 1));
    }
}
