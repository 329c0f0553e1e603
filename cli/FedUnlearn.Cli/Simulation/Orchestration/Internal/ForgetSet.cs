using System.Globalization;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The samples one forget request removes, chosen when it is filed: a seeded share of the requesting
/// client's live samples (or its poisoned ones), every live sample of a class, or every live sample of a
/// leaving client. Also the sets central evaluation measures the methods on.
/// </summary>
internal sealed record ForgetSet(int Index, ForgetRequestSettings Request, long[] Ids, string Description)
{
    private const ulong ForgetSalt = 40;

    public static ForgetSet Choose(SimulationContext context, int index)
    {
        var request = context.Scenario.ForgetRequests[index];
        var data = context.Data;
        switch (request.Scope)
        {
            case ForgetScope.Samples when data.Poisoned.TryGetValue(index, out var poisoned):
                return new(index, request, poisoned, $"{poisoned.Length} poisoned samples of client {request.Client} (trigger → class {request.Backdoor!.TargetLabel})");
            case ForgetScope.Samples:
            {
                var c = request.Client!.Value;
                var live = LiveIds(context, c);
                var count = request.Count ?? (int)Math.Round((request.Fraction ?? ForgetRequestSettings.DefaultFraction) * live.Count);
                count = Math.Clamp(count, 1, live.Count);
                var ids = new SeededRandom(SeededRandom.Derive(context.Scenario.Seed, ForgetSalt + (ulong)index)).Choose(live, count);
                var share = request.Count is null ? $"{(request.Fraction ?? ForgetRequestSettings.DefaultFraction) * 100:0.#}% of" : $"{count} of";
                return new(index, request, ids, $"{share} client {c}'s samples");
            }
            case ForgetScope.Class:
            {
                var label = request.Label!.Value;
                var ids = context.ActiveClients.SelectMany(c => LiveIds(context, c, label)).Order().ToArray();
                var name = data.Test.ClassNames is { } names ? $" ({names[label]})" : "";
                return new(index, request, ids, $"class {label}{name}");
            }
            case ForgetScope.Client:
            {
                var c = request.Client!.Value;
                var ids = LiveIds(context, c).ToArray();
                return new(index, request, ids, $"client {c} leaves while offline ({ids.Length} samples)");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(index), request.Scope, "Unsupported forget scope.");
        }
    }

    /// <summary>The client that files the request and tombstones the samples; null for a class or a client that left offline (an operator's request).</summary>
    public int? Requester => Request.Scope == ForgetScope.Samples ? Request.Client : null;

    /// <summary>Client scope: the client that leaves (offline, before the request is filed); null otherwise.</summary>
    public int? Leaving => Request.Scope == ForgetScope.Client ? Request.Client : null;

    /// <summary>Whether the forget set carries a trigger.</summary>
    public bool IsBackdoor => Request.Backdoor is not null;

    /// <summary>Forget, retain and test sets (and the backdoor probe) of central evaluation, before the request's tombstones.</summary>
    public EvaluationSets EvaluationSets(SimulationContext context)
    {
        var data = context.Data;
        var forget = new HashSet<long>(Ids);
        var retain = new List<int>();
        foreach (var c in context.ActiveClients)
        {
            var part = data.Clients[c];
            var source = part.SourceIndices;
            for (var i = 0; i < part.Count; i++)
            {
                var id = part.GetId(i);
                if (!forget.Contains(id) && !context.Tombstones[c].Contains(id)) retain.Add(source[i]);
            }
        }

        retain.Sort();
        return new EvaluationSets
        {
            Forget = data.Pool.SelectIds(Ids, "forget"),
            Retain = data.Pool.Subset(retain, "retain"),
            Test = data.Test,
            ForgetClass = Request.Scope == ForgetScope.Class ? Request.Label : null,
            Backdoor = Request.Backdoor is { } b ? new BackdoorProbe(data.Triggers[Index].StampAll(data.Test), b.TargetLabel) : null,
        };
    }

    /// <summary>Tombstones the set for the federations to come; a leaving client takes part in none of them.</summary>
    public void Apply(SimulationContext context)
    {
        foreach (var id in Ids) context.Tombstones[context.Data.OwnerOf(id)].Add(id);
        if (Leaving is { } gone) context.Departed.Add(gone);
    }

    public string Reason => string.Create(CultureInfo.InvariantCulture, $"simulation request {Index + 1}: {Description}");

    private static List<long> LiveIds(SimulationContext context, int client, int? label = null)
    {
        var part = context.Data.Clients[client];
        var ids = new List<long>();
        for (var i = 0; i < part.Count; i++)
        {
            var id = part.GetId(i);
            if (!context.Tombstones[client].Contains(id) && (label is null || part.GetLabel(i) == label)) ids.Add(id);
        }

        return ids;
    }
}
