using System.Globalization;
using System.Text.Json;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.LayerWise;
using FedUnlearn.Server.Forget;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A scenario method entry as the federation runs it: the method name the server sends in its
/// UnlearnTasks (the layer-wise wrapper around it when <c>partial</c> is set), the options in the
/// learning registry's spelling, the campaign rounds and the local optimisation settings.
/// </summary>
internal sealed record MethodPlan(string ServerName, ForgetMethodSettings Settings)
{
    /// <summary>The plan of <paramref name="method"/> for a request filed after <paramref name="atRound"/> training rounds.</summary>
    public static MethodPlan For(MethodSettings method, Scenario scenario, int atRound)
    {
        var t = scenario.Training;
        // A leaving client's removal is the server's own (no client method): its rounds are the repair rounds.
        if (method.Name == MethodCatalog.ClientRemoval)
            return new MethodPlan(MethodCatalog.ClientRemoval, new ForgetMethodSettings { Rounds = method.Rounds ?? 1 });
        var settings = new ForgetMethodSettings
        {
            // Retraining gets the training budget spent so far, as docs/scenario.md promises.
            Rounds = method.Rounds ?? (method.Name == MethodCatalog.Retrain ? atRound : 1),
            HyperParameters = ServerOptionsFactory.HyperParameters(method.LocalEpochs ?? t.LocalEpochs, t.BatchSize, method.LearningRate ?? t.LearningRate),
        };
        var options = LearningOptions(method);

        if (method.Partial is not { } partial)
        {
            foreach (var (k, v) in options) settings.Options[k] = v;
            return new MethodPlan(method.Name, settings);
        }

        settings.Options["inner"] = method.Name;
        foreach (var (k, v) in options) settings.Options[LayerWiseOptions.InnerPrefix + k] = v;
        if (partial.Layers is { } layers) settings.Options["layers"] = string.Join(',', layers);
        if (partial.TopFraction is { } top) settings.Options["top-p"] = top.ToString("R", CultureInfo.InvariantCulture);
        return new MethodPlan(LayerWiseMethod.MethodName, settings);
    }

    /// <summary>Catalog methods a federation cannot run yet, with the reason.</summary>
    private static readonly Dictionary<string, string> NotFederated = new(StringComparer.Ordinal)
    {
        [MethodCatalog.Amnesiac] = "it needs the batch-update ledger recorded during training, which federated clients do not keep yet",
        [MethodCatalog.ShardedExact] = "it needs one global adapter per shard, which the aggregator does not keep yet",
    };

    /// <summary>The catalog's methods a simulated federation can run with this build.</summary>
    public static IEnumerable<string> Available()
    {
        var registry = MethodRegistry.CreateDefault();
        return MethodCatalog.Names.Where(n => (n == MethodCatalog.ClientRemoval || registry.Contains(n)) && !NotFederated.ContainsKey(n));
    }

    /// <summary>Methods the scenario names that cannot run, with their scenario paths and why.</summary>
    public static IEnumerable<(string Path, string Name, string Reason)> Unavailable(Scenario scenario)
    {
        var available = Available().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Methods.Count; i++)
        {
            var name = scenario.Methods[i].Name;
            if (available.Contains(name)) continue;
            var reason = NotFederated.TryGetValue(name, out var why) ? why : "this build does not include it yet";
            yield return ($"methods[{i}].name", name, reason);
        }
    }

    /// <summary>The scenario's option names and values translated to the learning registry's (e.g. rfa <c>retainCe</c> → <c>retain-ce</c>).</summary>
    private static Dictionary<string, string> LearningOptions(MethodSettings method)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in method.Options ?? new Dictionary<string, JsonElement>())
        {
            switch (method.Name, name)
            {
                case (MethodCatalog.Rfa, "target"):
                    result["target"] = value.GetString() == "mean-other-class" ? "other-class-mean" : value.GetString()!;
                    break;
                case (MethodCatalog.Rfa, "retainCe"):
                    result["retain-ce"] = value.GetBoolean() ? "1" : "0";
                    break;
                case (MethodCatalog.Amnesiac, "topFraction"):
                    result["top-p"] = value.GetRawText();
                    break;
                default:
                    result[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    break;
            }
        }

        return result;
    }
}
