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
            RepairRounds = method.RepairRounds ?? 0,
            HyperParameters = ServerOptionsFactory.HyperParameters(method.LocalEpochs ?? t.LocalEpochs, t.BatchSize, method.LearningRate ?? t.LearningRate),
            // Repair rounds are ordinary training: the scenario's batch size and learning rate, their own epochs.
            RepairHyperParameters = method.RepairLocalEpochs is { } repairEpochs ? ServerOptionsFactory.HyperParameters(repairEpochs, t.BatchSize, t.LearningRate) : null,
        };
        var options = LearningOptions(method);
        // rfa runs its own one epoch rather than the task's (RfaOptions.DefaultEpochs): an entry's localEpochs reaches it as its epochs option.
        if (method.Name == MethodCatalog.Rfa && method.LocalEpochs is { } epochs && !options.ContainsKey("epochs"))
            options["epochs"] = epochs.ToString(CultureInfo.InvariantCulture);

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

    /// <summary>Shard adapters K of a <c>sharded-exact</c> entry: its <c>shards</c> option, default 4 (as the learning method's).</summary>
    public static int Shards(MethodSettings method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Options?.TryGetValue("shards", out var k) == true ? k.GetInt32() : DefaultShards;
    }

    /// <summary>K when a sharded-exact entry names none.</summary>
    public const int DefaultShards = 4;

    /// <summary>The catalog's methods a simulated federation can run with this build.</summary>
    public static IEnumerable<string> Available()
    {
        var registry = MethodRegistry.CreateDefault();
        // Amnesiac is registered by each client over its own journal (LocalLearnerOptions.Amnesiac), not in the default registry;
        // client-removal is the server's own method.
        return MethodCatalog.Names.Where(n => n == MethodCatalog.ClientRemoval || n == MethodCatalog.Amnesiac || registry.Contains(n));
    }

    /// <summary>Methods the scenario names that cannot run, with their scenario paths and why.</summary>
    public static IEnumerable<(string Path, string Name, string Reason)> Unavailable(Scenario scenario)
    {
        var available = Available().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Methods.Count; i++)
        {
            var name = scenario.Methods[i].Name;
            if (available.Contains(name)) continue;
            yield return ($"methods[{i}].name", name, "this build does not include it yet");
        }

        // Amnesiac's journals live in the simulation's process (client processes start each federation with a fresh
        // data directory), and sharded-exact's per-shard hand-over order is kept for in-process clients only.
        for (var i = 0; i < scenario.Methods.Count && scenario.Clients.Processes == ClientProcesses.Separate; i++)
        {
            if (scenario.Methods[i].Name is MethodCatalog.Amnesiac or MethodCatalog.ShardedExact)
                yield return ($"methods[{i}].name", scenario.Methods[i].Name,
                    "it is simulated with in-process clients only (set clients.processes to in-process)");
        }

        // Federated amnesiac undoes one client's own recorded batches: a class spread over many clients is refused by the server.
        var classRequest = scenario.ForgetRequests.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Scope == ForgetScope.Class);
        for (var i = 0; i < scenario.Methods.Count && classRequest.r is not null; i++)
        {
            if (scenario.Methods[i].Name == MethodCatalog.Amnesiac)
                yield return ($"methods[{i}].name", MethodCatalog.Amnesiac,
                    $"it forgets one client's own samples, and forgetRequests[{classRequest.i}] is class scope (use 'samples' requests with amnesiac)");
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
                case (MethodCatalog.NablaTau, "retainLoss"):
                    result["retain-loss"] = value.GetString()!;
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
