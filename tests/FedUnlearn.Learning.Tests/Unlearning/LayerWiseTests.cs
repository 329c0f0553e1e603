using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.LayerWise;
using FedUnlearn.Learning.Unlearning.LayerWise.Internal;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class LayerWiseTests(ITestOutputHelper output)
{
    private static readonly MethodRegistry Registry = MethodRegistry.CreateDefault();

    [Fact]
    public void LayerWise_ChosenLayers_EveryOtherAdapterTensorBitIdentical()
    {
        using var model = TinyTask.TrainedModel();
        var before = model.ToAdapterParameterSet();
        // Weight decay moves every parameter, gradient or not: only the restore keeps the head exact.
        var method = Registry.Create("layer-wise", RfaTests.Parse("inner=label-flip,inner.weight-decay=0.5,layers=fc1"));

        var outcome = UnlearningRunner.Run(method, UnlearningScenario.Context(model));

        var (forget, retain) = UnlearningScenario.TestAccuracy(model);
        output.WriteLine($"label-flip on fc1 only: forget {forget:F3}, retain {retain:F3}; " + string.Join(", ", outcome.Metrics.Select(kv => $"{kv.Key}={kv.Value:G4}")));
        Assert.Equal(before["head.lora_A"].Data, outcome.Adapter["head.lora_A"].Data);
        Assert.Equal(before["head.lora_B"].Data, outcome.Adapter["head.lora_B"].Data);
        Assert.NotEqual(before["fc1.lora_A"].Data, outcome.Adapter["fc1.lora_A"].Data);
        Assert.NotEqual(before["fc1.lora_B"].Data, outcome.Adapter["fc1.lora_B"].Data);
        Assert.Equal(2, outcome.Metrics["layerwise_tensors"]);
        Assert.True(forget < 0.5, $"the fc1 adapter alone still unlearns: forget accuracy {forget}");
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.1)]
    public void LayerWise_TopP_KeepsExactlyTheLargestPOfEachTensorsChanges(double p)
    {
        using var reference = TinyTask.TrainedModel();
        using var model = TinyTask.TrainedModel();
        var before = model.ToAdapterParameterSet();
        UnlearningRunner.Run(Registry.Create("finetune"), UnlearningScenario.Context(reference));
        var full = reference.ToAdapterParameterSet();

        var outcome = UnlearningRunner.Run(
            Registry.Create("layer-wise", new Dictionary<string, string> { ["inner"] = "finetune", ["top-p"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            UnlearningScenario.Context(model));

        foreach (var old in before)
        {
            var inner = full[old.Name].Data;
            var kept = outcome.Adapter[old.Name].Data;
            var changedByInner = Enumerable.Range(0, inner.Length).Count(i => inner[i] != old.Data[i]);
            var keptIndices = Enumerable.Range(0, kept.Length).Where(i => kept[i] != old.Data[i]).ToList();
            var expected = Math.Min(changedByInner, Math.Max(1, (int)Math.Round(p * inner.Length, MidpointRounding.AwayFromZero)));
            Assert.Equal(expected, keptIndices.Count);
            Assert.All(keptIndices, i => Assert.Equal(inner[i], kept[i]));
            var smallestKept = keptIndices.Min(i => Math.Abs(inner[i] - old.Data[i]));
            var largestDropped = Enumerable.Range(0, inner.Length).Except(keptIndices).Max(i => Math.Abs(inner[i] - old.Data[i]));
            Assert.True(smallestKept >= largestDropped, $"{old.Name}: kept change {smallestKept} < dropped change {largestDropped}");
        }
    }

    [Fact]
    public void LayerWise_PatternMatchesNoLayer_ClearErrorAdapterUnchanged()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);

        var error = Assert.Throws<ArgumentException>(() =>
            UnlearningRunner.Run(Registry.Create("layer-wise", RfaTests.Parse("inner=finetune,layers=q_proj")), UnlearningScenario.Context(model)));

        Assert.Equal("Layer pattern 'q_proj' matches no adapter layer; the model's adapter layers are: fc1, head.", error.Message);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void LayerWise_InnerLeavesNaNOutsideTheChosenLayers_StillRejectedAndRestored()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var method = new LayerWiseMethod(new NaNHeadMethod(), new LayerWiseOptions { Inner = "nan-head", Layers = ["fc1"] });

        var error = Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(method, UnlearningScenario.Context(model)));

        Assert.Contains("head.lora_B", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void LayerWise_InnerDiverges_RunnerRestoresAdapter()
    {
        using var model = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(model);
        var method = Registry.Create("layer-wise", RfaTests.Parse("inner=finetune,inner.lr=1e30,layers=fc1"));
        var context = UnlearningScenario.Context(model) with { Training = UnlearningScenario.Training with { Optimizer = TrainingOptimizer.Sgd } };

        Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(method, context));

        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Theory]
    [InlineData("inner= ,layers=fc1", "Option 'inner' of method 'layer-wise' must name the method to wrap, e.g. nabla-tau, got .")]
    [InlineData("inner=forget-all", "Unknown unlearning method 'forget-all'; known methods: ")]
    [InlineData("inner=nabla-tau,inner.lamda=1", "Unknown option 'lamda' for method 'nabla-tau'; valid options: ")]
    [InlineData("inner=finetune,top-p=0", "Option 'top-p' of method 'layer-wise' must be in (0, 1], got 0.")]
    [InlineData("inner=layer-wise", "Method 'layer-wise' cannot wrap itself")]
    [InlineData("inner=finetune,depth=2", "Unknown option 'depth' for method 'layer-wise'; valid options: inner, layers, top-p.")]
    public void Create_BadOptions_ClearError(string options, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Registry.Create("layer-wise", RfaTests.Parse(options)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoInner_WrapsLabelFlip() =>
        Assert.IsType<FedUnlearn.Learning.Unlearning.LabelFlip.LabelFlipMethod>(Assert.IsType<LayerWiseMethod>(Registry.Create("layer-wise")).Inner);

    [Fact]
    public void Create_PassesInnerOptionsOn()
    {
        var method = Assert.IsType<LayerWiseMethod>(Registry.Create("layer-wise", RfaTests.Parse("inner=nabla-tau,inner.tau=3,inner.lr=0.02,layers=fc1;head")));

        var inner = Assert.IsType<FedUnlearn.Learning.Unlearning.NablaTau.NablaTauMethod>(method.Inner);
        Assert.Equal(3.0, inner.Options.Tau);
        Assert.Equal(0.02, inner.Options.Optimization.LearningRate);
        Assert.Equal(inner.Requirements, method.Requirements);
    }

    [Theory]
    [InlineData("fc1", "fc1", true)]
    [InlineData("blocks.0.mlp.fc1", "fc1", true)]
    [InlineData("blocks.0.mlp.xfc1", "fc1", false)]
    [InlineData("blocks.1.attn.q_proj", "blocks.1.*", true)]
    [InlineData("blocks.0.attn.q_proj", "blocks.1.*", false)]
    [InlineData("blocks.0.attn.v_proj", "*_proj", true)]
    public void Matches_EqualSuffixOrGlob(string layer, string pattern, bool expected) =>
        Assert.Equal(expected, LayerSelection.Matches(layer, pattern));

    [Fact]
    public void TopMagnitude_TiesGoToLowestIndices() =>
        Assert.Equal([1, 2, 4], TopMagnitude.Select([0.5f, -2f, 1f, 1f, 3f, -1f], 3));

    /// <summary>Writes NaN into the head's adapter without throwing.</summary>
    private sealed class NaNHeadMethod : IUnlearningMethod
    {
        public string Name => "nan-head";

        public UnlearningRequirements Requirements => UnlearningRequirements.None;

        public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
        {
            using var noGrad = torch.no_grad();
            context.Model.named_lora_parameters().Single(p => p.name == "head.lora_B").parameter.fill_(double.NaN);
            return new UnlearningReport(context.Retain.Count, 0, new Dictionary<string, double>());
        }
    }
}
