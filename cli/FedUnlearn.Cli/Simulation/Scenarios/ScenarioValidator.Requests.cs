using FedUnlearn.Cli.Simulation.Scenarios.Internal;
using static FedUnlearn.Cli.Simulation.Scenarios.Internal.ErrorList;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Forget requests: timing, scope-specific fields, labels and clients in range.</summary>
public static partial class ScenarioValidator
{
    private static void Requests(Scenario s, ErrorList e)
    {
        var classes = $"the dataset has {N(s.ClassCount)} classes";
        var clients = $"there are {N(s.Clients.Count)} clients, numbered from 0";
        var previousRound = 0;
        var leaving = new HashSet<int>();
        for (var i = 0; i < s.ForgetRequests.Count; i++)
        {
            var path = $"forgetRequests[{i}]";
            if (s.ForgetRequests[i] is not { } r)
            {
                e.Add(path, "must be an object, not null");
                continue;
            }

            e.InRange(r.AtRound, 1, s.Training.Rounds, $"{path}.atRound", $"training.rounds is {N(s.Training.Rounds)}");
            e.Require(r.AtRound >= previousRound, $"{path}.atRound", $"requests must be listed in round order (the one before is at round {N(previousRound)})");
            previousRound = Math.Max(previousRound, r.AtRound);

            if (r.Scope == ForgetScope.Class)
            {
                if (r.Label is { } label) e.InRange(label, 0, s.ClassCount - 1, $"{path}.label", classes);
                else e.Add($"{path}.label", "is required for class scope");
                e.Require(r.Client is null, $"{path}.client", "does not apply to class scope (a class is forgotten across the federation)");
                e.Require(r.Backdoor is null, $"{path}.backdoor", "does not apply to class scope");
            }
            else
            {
                e.Require(r.Label is null, $"{path}.label", $"only applies to class scope (this request's scope is {Scope(r.Scope)})");
                if (r.Client is { } client) e.InRange(client, 0, s.Clients.Count - 1, $"{path}.client", clients);
                else e.Add($"{path}.client", $"is required for {Scope(r.Scope)} scope");
                if (r.Client is { } gone && leaving.Contains(gone))
                    e.Add($"{path}.client", $"client {N(gone)} has already left in an earlier request");
                else if (r.Scope == ForgetScope.Client && r.Client is { } leaves) leaving.Add(leaves);
            }

            if (r.Scope == ForgetScope.Client) e.Require(r.Backdoor is null, $"{path}.backdoor", "does not apply to client scope (the forget set is all of the client's data)");
            else e.Require(r.Offline is null, $"{path}.offline", $"only applies to client scope (this request's scope is {Scope(r.Scope)})");
            Leaving(s, i, r, path, e);
            RequestMethods(s, r, path, e);
            SampleShare(r, path, e);
            if (r.Backdoor is { } b)
            {
                e.InRange(b.TargetLabel, 0, s.ClassCount - 1, $"{path}.backdoor.targetLabel", classes);
                e.Fraction(b.Fraction, $"{path}.backdoor.fraction");
                e.InRange(b.TriggerSize, 1, 14, $"{path}.backdoor.triggerSize", "a patch of 1 to 14 pixels a side (half a 28-pixel image)");
                e.Require(b.Boost >= 1 && double.IsFinite(b.Boost), $"{path}.backdoor.boost", $"{N(b.Boost)} must be a finite number of at least 1");
            }
        }

        e.Require(leaving.Count < s.Clients.Count, "forgetRequests", "every client leaves; at least one must remain");
    }

    /// <summary>
    /// A leaving client is simulated offline only, and the server removes it from the stored history of
    /// the federation: that history must reach back to the adapter's start, i.e. the request is the
    /// first, or follows a request at the same round whose adopted model is retrain's (which restarts
    /// the adapter). Training resumed after a request runs in a federation of its own.
    /// </summary>
    private static void Leaving(Scenario s, int i, ForgetRequestSettings r, string path, ErrorList e)
    {
        if (r.Scope != ForgetScope.Client) return;
        e.Require(r.Offline is not false, $"{path}.offline",
            "false (the client asking to leave while online) is not simulated yet; a leaving client goes offline first (true, the default)");
        if (i == 0) return;
        var before = s.ForgetRequests[i - 1];
        var restarted = before is not null && before.AtRound == r.AtRound && s.Evaluation.Reference == ReferenceKind.Retrain;
        e.Require(restarted, $"{path}.atRound",
            "a leaving client is removed from the federation's stored history, which simulate keeps from the adapter's start only up to the first request, "
            + $"or from the retraining of a request at the same round: put it first, or at the round of the request before it ({N(before?.AtRound ?? 0)}) with evaluation.reference retrain");
    }

    /// <summary>The request's method list: known labels, each able to handle the scope, the reference among them.</summary>
    private static void RequestMethods(Scenario s, ForgetRequestSettings r, string path, ErrorList e)
    {
        // Duplicate labels are reported under methods; the first of each counts here.
        var labels = new Dictionary<string, MethodSettings>(StringComparer.Ordinal);
        foreach (var m in s.Methods.Where(m => m is not null)) labels.TryAdd(m.DisplayName, m);
        if (r.Methods is { } names)
        {
            for (var k = 0; k < names.Count; k++)
            {
                if (!labels.TryGetValue(names[k] ?? "", out var m))
                    e.Add($"{path}.methods[{k}]", $"'{names[k]}' is not the label of a listed method (labels: {string.Join(", ", labels.Keys)})");
                else if (MethodCatalog.CannotHandle(m.Name, r.Scope) is { } why)
                    e.Add($"{path}.methods[{k}]", $"{m.Name} cannot handle this {Scope(r.Scope)}-scope request: {why}");
            }
        }

        var handling = r.Methods is { } listed
            ? labels.Values.Where(m => listed.Contains(m.DisplayName)).ToList()
            : labels.Values.Where(m => MethodCatalog.CannotHandle(m.Name, r.Scope) is null).ToList();
        if (handling.Count == 0) e.Add(r.Methods is null ? "methods" : $"{path}.methods", $"no listed method can handle {path} ({Scope(r.Scope)} scope)");
        // A scenario without retrain at all is reported once, under methods.
        else if (s.Evaluation.Reference == ReferenceKind.Retrain && labels.Values.Any(m => m.Name == MethodCatalog.Retrain))
            e.Require(handling.Any(m => m.Name == MethodCatalog.Retrain), $"{path}.methods", "must include retrain, the reference (evaluation.reference)");
    }

    private static void SampleShare(ForgetRequestSettings r, string path, ErrorList e)
    {
        if (r.Scope != ForgetScope.Samples || r.Backdoor is not null)
        {
            var why = r.Backdoor is not null ? "with a backdoor the forget set is the triggered samples (backdoor.fraction)" : $"only applies to samples scope (this request's scope is {Scope(r.Scope)})";
            e.Require(r.Fraction is null, $"{path}.fraction", why);
            e.Require(r.Count is null, $"{path}.count", why);
            return;
        }

        e.Require(r.Fraction is null || r.Count is null, $"{path}.count", "give either fraction or count, not both");
        if (r.Fraction is { } f) e.Fraction(f, $"{path}.fraction");
        if (r.Count is { } c) e.AtLeast(c, 1, $"{path}.count");
    }

    private static string Scope(ForgetScope scope) => scope switch
    {
        ForgetScope.Samples => "samples",
        ForgetScope.Class => "class",
        _ => "client",
    };
}
