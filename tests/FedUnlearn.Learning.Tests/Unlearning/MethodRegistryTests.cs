using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.GradientAscent;
using FedUnlearn.Learning.Unlearning.NablaTau;
using FedUnlearn.Learning.Tests.Support;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class MethodRegistryTests
{
    private readonly MethodRegistry _registry = MethodRegistry.CreateDefault();

    [Fact]
    public void CreateDefault_RegistersTheBuiltInMethods()
    {
        Assert.Equal(["finetune", "gradient-ascent", "label-flip", "layer-wise", "nabla-tau", "retrain", "rfa", "sharded-exact"], _registry.Names);
        Assert.All(_registry.Names, name => Assert.Equal(name, _registry.Create(name).Name));
    }

    [Fact]
    public void Create_UnknownMethod_ListsKnownMethods()
    {
        var error = Assert.Throws<ArgumentException>(() => _registry.Create("rfa2"));

        Assert.Equal("Unknown unlearning method 'rfa2'; known methods: finetune, gradient-ascent, label-flip, layer-wise, nabla-tau, retrain, rfa, sharded-exact. (Parameter 'name')", error.Message);
    }

    [Fact]
    public void Create_UnknownOption_NamesItAndListsValidOptions()
    {
        var error = Assert.Throws<ArgumentException>(() => _registry.Create("nabla-tau", new Dictionary<string, string> { ["lamda"] = "1", ["lr"] = "0.01" }));

        Assert.Equal("Unknown option 'lamda' for method 'nabla-tau'; valid options: a0, batch-size, clip-norm, epochs, lr, max-steps, retain-loss, tau, weight-decay.", error.Message);
    }

    [Theory]
    [InlineData("lr", "fast", "Option 'lr' of method 'nabla-tau' must be a number, got 'fast'.")]
    [InlineData("epochs", "1.5", "Option 'epochs' of method 'nabla-tau' must be a whole number, got '1.5'.")]
    [InlineData("a0", "2", "Option 'a0' of method 'nabla-tau' must be in (0, 1], got 2.")]
    [InlineData("lr", "-1", "Option 'lr' of method 'nabla-tau' must be positive, got -1.")]
    [InlineData("tau", "NaN", "Option 'tau' of method 'nabla-tau' must be a number, got 'NaN'.")]
    [InlineData("retain-loss", "kl", "Option 'retain-loss' of method 'nabla-tau' must be ce or distill, got kl.")]
    public void Create_BadValue_IsAClearError(string option, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => _registry.Create("nabla-tau", new Dictionary<string, string> { [option] = value }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ParsesOptionsCaseInsensitivelyWithInvariantCulture()
    {
        var method = (NablaTauMethod)_registry.Create("Nabla-Tau", new Dictionary<string, string> { ["TAU"] = "0.25", ["Epochs"] = "2" });

        Assert.Equal(0.25, method.Options.Tau);
        Assert.Equal(2, method.Options.Optimization.Epochs);
        Assert.Equal(UnlearningRequirements.RetainData, method.Requirements);
    }

    [Fact]
    public void Create_GradientAscent_IsBoundedByDefault()
    {
        var method = (GradientAscentMethod)_registry.Create("gradient-ascent");

        Assert.Equal(GradientAscentOptions.DefaultMaxSteps, method.Options.Optimization.MaxSteps);
        Assert.Null(method.Options.MaxCrossEntropy);
    }

    [Fact]
    public void Register_DuplicateName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _registry.Register("FINETUNE", "again", _ => throw new InvalidOperationException()));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }
}
