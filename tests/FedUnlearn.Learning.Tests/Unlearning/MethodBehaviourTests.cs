using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class MethodBehaviourTests(ITestOutputHelper output)
{
    private static readonly MethodRegistry Registry = MethodRegistry.CreateDefault();

    [Theory]
    [InlineData("finetune", "", 0.6, 0.85)]
    [InlineData("retrain", "", 0.05, 0.85)]
    [InlineData("gradient-ascent", "", 0.2, 0.7)]
    [InlineData("nabla-tau", "tau=3", 0.2, 0.85)]
    [InlineData("label-flip", "", 0.1, 0.85)]
    public void Method_ClassScope_ForgetAccuracyFallsAndRetainAccuracyHolds(string name, string options, double maxForget, double minRetain)
    {
        using var model = TinyTask.TrainedModel();
        var (forgetBefore, retainBefore) = UnlearningScenario.TestAccuracy(model);
        var method = Registry.Create(name, Parse(options));

        var outcome = UnlearningRunner.Run(method, UnlearningScenario.Context(model) with { ForgetClass = UnlearningScenario.ForgetClass });

        var (forgetAfter, retainAfter) = UnlearningScenario.TestAccuracy(model);
        output.WriteLine($"{name}: forget {forgetBefore:F3} -> {forgetAfter:F3}, retain {retainBefore:F3} -> {retainAfter:F3}, steps {outcome.Steps}, "
            + string.Join(", ", outcome.Metrics.Select(kv => $"{kv.Key}={kv.Value:G4}")));
        Assert.True(forgetBefore > 0.9, $"the trained model knows class 0: {forgetBefore}");
        Assert.True(forgetAfter <= maxForget, $"{name}: test accuracy on the forgotten class {forgetAfter}");
        Assert.True(retainAfter >= minRetain, $"{name}: test accuracy on the other classes {retainAfter}");
        Assert.Equal(model.ToAdapterParameterSet().ContentHash(), outcome.Adapter.ContentHash());
    }

    private static Dictionary<string, string> Parse(string options) =>
        options.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(o => o.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
