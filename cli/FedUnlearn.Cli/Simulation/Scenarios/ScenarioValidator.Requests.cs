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
                if (r.Scope == ForgetScope.Client && r.Client is { } gone && !leaving.Add(gone))
                    e.Add($"{path}.client", $"client {N(gone)} has already left in an earlier request");
            }

            SampleShare(r, path, e);
            if (r.Backdoor is { } b)
            {
                e.InRange(b.TargetLabel, 0, s.ClassCount - 1, $"{path}.backdoor.targetLabel", classes);
                e.Fraction(b.Fraction, $"{path}.backdoor.fraction");
            }
        }

        e.Require(leaving.Count < s.Clients.Count, "forgetRequests", "every client leaves; at least one must remain");
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
