using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class ModuleTests
{
    [Fact]
    public void NamedParameters_NestedModules_GivesDottedNamesInRegistrationOrder()
    {
        using var model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Sequential(torch.nn.LayerNorm(3), torch.nn.Linear(3, 2, hasBias: false)));

        Assert.Equal(["0.weight", "0.bias", "2.0.weight", "2.0.bias", "2.1.weight"], model.named_parameters().Select(p => p.name));
        Assert.Equal(["", "0", "1", "2", "2.0", "2.1"], model.named_modules().Select(m => m.name));
        Assert.Equal(["0", "1", "2"], model.named_children().Select(c => c.name));
        Assert.Equal([3L, 4L], model.get_parameter("0.weight").shape);
        Assert.IsType<LayerNorm>(model.get_submodule("2.0"));
        var ex = Assert.Throws<KeyNotFoundException>(() => model.get_submodule("2.5"));
        Assert.Contains("'5'", ex.Message);
    }

    [Fact]
    public void TransformerBlock_Names_FollowTheLayoutLoRATargets()
    {
        using var block = torch.nn.TransformerEncoderBlock(8, 2, 16);

        Assert.Equal(
            ["norm1.weight", "norm1.bias", "attn.q_proj.weight", "attn.q_proj.bias", "attn.k_proj.weight", "attn.k_proj.bias",
             "attn.v_proj.weight", "attn.v_proj.bias", "attn.out_proj.weight", "attn.out_proj.bias", "norm2.weight", "norm2.bias",
             "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"],
            block.named_parameters().Select(p => p.name));
        using var x = torch.randn([2, 5, 8]);
        using var y = block.forward(x);
        Assert.Equal([2L, 5L, 8L], y.shape);
    }

    [Fact]
    public void Register_BadNames_ThrowClearly()
    {
        using var m = new Probe();
        Assert.Contains("'.'", Assert.Throws<ArgumentException>(() => m.register_parameter("a.b", torch.nn.Parameter(torch.zeros(1)))).Message);
        Assert.Contains("already has", Assert.Throws<ArgumentException>(() => m.register_buffer("w", torch.zeros(1))).Message);
        using var nonLeaf = torch.ones([2], requiresGrad: true).mul(2);
        Assert.Contains("leaf", Assert.Throws<ArgumentException>(() => m.register_parameter("x", nonLeaf)).Message);
    }

    [Fact]
    public void Buffers_PersistentOnesAreInStateDictButNotParameters()
    {
        using var m = new Probe();
        using var scope = torch.NewDisposeScope();

        Assert.Equal(["w"], m.named_parameters().Select(p => p.name));
        Assert.Equal(["count", "scratch"], m.named_buffers().Select(b => b.name));
        Assert.Equal(["w", "count"], m.state_dict().Keys);
    }

    [Fact]
    public void TrainEval_PropagatesToDescendants_AndDropoutFollowsIt()
    {
        using var model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Dropout(0.5));
        using var x = torch.ones([64, 2]);

        model.eval();
        Assert.All(model.modules(), m => Assert.False(m.training));
        using (var a = model.forward(x))
        using (var b = model.forward(x))
        {
            Assert.True(a.equal(b));
        }

        model.train();
        Assert.True(model[1].training);
        using var dropped = model.forward(x);
        using var zeros = dropped.eq(0).sum();
        Assert.InRange(zeros.item<long>(), 20, 108);
    }

    [Fact]
    public void RequiresGrad_FreezingSubtree_FiltersTrainableParameters()
    {
        using var model = torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.Linear(3, 1));
        model[0].requires_grad_(false);

        Assert.Equal(["1.weight", "1.bias"], model.named_parameters(trainableOnly: true).Select(p => p.name));
        Assert.Equal(4, model.parameters().Count());
    }

    [Fact]
    public void ZeroGrad_AfterBackward_ClearsOrZeroesGradients()
    {
        using var scope = torch.NewDisposeScope();
        using var model = torch.nn.Linear(3, 2);
        model.forward(torch.ones([4, 3])).sum().backward();
        Assert.NotNull(model.weight.grad);

        model.zero_grad(setToNone: false);
        Assert.All(model.weight.grad!.ToArray<float>(), g => Assert.Equal(0f, g));
        model.zero_grad();
        Assert.Null(model.weight.grad);
    }

    [Fact]
    public void To_Float64_ConvertsInPlaceKeepingTensorIdentityAndValues()
    {
        using var model = torch.nn.Linear(3, 2);
        var weight = model.weight;
        var before = weight.ToArray<float>();

        var same = model.to(torch.float64);

        Assert.Same(model, same);
        Assert.Same(weight, model.weight);
        Assert.Equal(ScalarType.Float64, weight.dtype);
        Assert.True(weight.requires_grad);
        Assert.Equal(before.Select(v => (double)v), weight.ToArray<double>());
        Assert.Throws<ArgumentException>(() => model.to(torch.int64));
    }

    [Fact]
    public void Parameters_SurviveTheDisposeScopeTheModuleWasBuiltIn()
    {
        Linear model;
        using (torch.NewDisposeScope())
        {
            model = torch.nn.Linear(2, 2);
        }

        Assert.False(model.weight.IsDisposed);
        model.Dispose();
        Assert.True(model.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => model.parameters().ToList());
    }

    [Fact]
    public void Linear_DefaultInit_IsUniformWithinOneOverSqrtFanIn()
    {
        using var model = torch.nn.Linear(100, 50);
        var bound = 1 / Math.Sqrt(100);
        var w = model.weight.ToArray<float>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        // U(-b, b) has variance b²/3; 5000 samples pin it within a few percent.
        var variance = w.Select(v => (double)v * v).Average();
        Assert.InRange(variance, 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
        Assert.All(model.bias!.ToArray<float>(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void Embedding_PaddingRow_StartsZeroAndGetsNoGradient()
    {
        using var scope = torch.NewDisposeScope();
        using var emb = torch.nn.Embedding(4, 3, paddingIdx: 1);
        Assert.Equal([0f, 0f, 0f], emb.weight.select(0, 1).ToArray<float>());

        emb.forward(torch.tensor<long>([1, 2, 1])).sum().backward();

        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f], emb.weight.grad!.ToArray<float>());
    }

    private sealed class Probe : torch.nn.Module
    {
        public Probe()
        {
            register_parameter("w", torch.nn.Parameter(torch.ones(2)));
            register_buffer("count", torch.zeros([1], torch.int64));
            register_buffer("scratch", torch.zeros(3), persistent: false);
        }
    }
}
