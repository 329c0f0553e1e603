using FedUnlearn.Cli.Simulation.Scenarios.Internal;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Methods: known names, unique labels, options each method accepts, the reference present.</summary>
public static partial class ScenarioValidator
{
    private static void Methods(Scenario s, ErrorList e)
    {
        e.Require(s.Methods.Count > 0, "methods", "must name at least one method");
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var retrains = 0;
        for (var i = 0; i < s.Methods.Count; i++)
        {
            var path = $"methods[{i}]";
            if (s.Methods[i] is not { } m)
            {
                e.Add(path, "must be an object, not null");
                continue;
            }

            if (!MethodCatalog.IsKnown(m.Name))
            {
                var what = string.IsNullOrEmpty(m.Name) ? "is required" : $"'{m.Name}' is not a known method";
                e.Add($"{path}.name", $"{what} (known: {string.Join(", ", MethodCatalog.Names)})");
                continue;
            }

            if (m.Name == MethodCatalog.Retrain) retrains++;
            e.Require(m.Label is null || !string.IsNullOrWhiteSpace(m.Label), $"{path}.label", "must not be empty");
            e.Require(labels.Add(m.DisplayName), m.Label is null ? $"{path}.name" : $"{path}.label",
                $"'{m.DisplayName}' is listed twice; give each entry a distinct label");
            if (m.Rounds is { } rounds) e.AtLeast(rounds, 1, $"{path}.rounds");
            if (m.RepairRounds is { } repair) e.AtLeast(repair, 0, $"{path}.repairRounds");
            if (m.RepairLocalEpochs is { } repairEpochs) e.AtLeast(repairEpochs, 1, $"{path}.repairLocalEpochs");
            if (m.LocalEpochs is { } epochs) e.AtLeast(epochs, 1, $"{path}.localEpochs");
            if (m.LearningRate is { } lr) e.Positive(lr, $"{path}.learningRate");
            Partial(m, path, e);
            foreach (var (option, value) in m.Options ?? new Dictionary<string, System.Text.Json.JsonElement>())
            {
                if (MethodCatalog.CheckOption(m.Name, option, value) is { } problem) e.Add($"{path}.options.{option}", problem);
            }
        }

        for (var i = 0; i < s.Methods.Count; i++)
        {
            // The reference's absence from a request is reported on that request.
            if (s.Methods[i] is not { } m || !MethodCatalog.IsKnown(m.Name) || m.Name == MethodCatalog.Retrain || s.ForgetRequests.Any(r => r is null)) continue;
            e.Require(s.ForgetRequests.Count == 0 || Enumerable.Range(0, s.ForgetRequests.Count).Any(k => s.MethodsFor(k).Contains(m)), $"methods[{i}]",
                $"'{m.DisplayName}' handles none of the forget requests" + (MethodCatalog.CannotHandle(m.Name, ForgetScope.Samples) is { } why ? $" ({why})" : ""));
        }

        if (s.Evaluation.Reference == ReferenceKind.Retrain)
        {
            e.Require(retrains == 1, "methods",
                $"evaluation.reference is retrain, so list {{\"name\": \"retrain\"}} exactly once (found {retrains}); or set evaluation.reference to none");
        }
    }

    private static void Partial(MethodSettings m, string path, ErrorList e)
    {
        if (m.Partial is not { } p) return;
        if (!MethodCatalog.SupportsPartial(m.Name))
        {
            e.Add($"{path}.partial", $"the layer-wise wrapper only applies to optimisation-based methods, not {m.Name}");
            return;
        }

        e.Names(p.Layers, $"{path}.partial.layers");
        if (p.TopFraction is { } top) e.Fraction(top, $"{path}.partial.topFraction");
    }
}
