namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// The methods every scenario runs and the options each gets. Every approximate method sees the same
/// retained subset (the retain budget) for one epoch; the options below are the per-scenario choices
/// the README explains.
/// </summary>
internal static class MethodPlan
{
    /// <summary>Every planned method name, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["finetune", "gradient-ascent", "label-flip", "nabla-tau", "layer-wise", "rfa"];

    public static IReadOnlyList<PlannedMethod> For(string scenario, ModelSetup setup, IReadOnlyList<string>? only)
    {
        var lr = setup.FineTune.LearningRate;
        var tau = NablaTau(scenario);
        var all = new List<PlannedMethod>
        {
            new("finetune", Opts(("epochs", "1"))),
            new("gradient-ascent", Opts(("max-steps", "100"))),
            new("label-flip", Opts(("epochs", "1"))),
            new("nabla-tau", Opts([("epochs", "1"), .. tau])),
            new("layer-wise", Opts([("inner", "nabla-tau"), ("layers", LastLayers(setup)), ("inner.epochs", "1"), .. tau.Select(t => ("inner." + t.Item1, t.Item2))])),
            new("rfa", Opts(("epochs", "1"), ("lr", F(3 * lr)))),
        };
        return only is null ? all : all.Where(m => only.Contains(m.Method)).ToList();
    }

    /// <summary>
    /// ∇τ's threshold: sample scope keeps the default (the held-out loss, where unseen samples sit); a
    /// class or a backdoor needs the forget loss far above that (the retrained model's loss on them is
    /// several nats), so τ is set explicitly.
    /// </summary>
    private static (string, string)[] NablaTau(string scenario) => scenario == "s1" ? [] : [("tau", "3")];

    /// <summary>The layer-wise wrapper keeps ∇τ's change to the layers nearest the output.</summary>
    private static string LastLayers(ModelSetup setup) => setup.Name == "vit" ? "blocks.1.*" : "fc2,head";

    private static Dictionary<string, string> Opts(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string F(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
