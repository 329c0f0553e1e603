namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>One unlearning method as the benchmark runs it.</summary>
/// <param name="Label">The table's name for it (a method can appear twice, e.g. amnesiac with full and pruned updates).</param>
/// <param name="Method">The registry name, e.g. <c>nabla-tau</c>.</param>
/// <param name="Options">The task options (name → text) passed to <c>MethodRegistry.Create</c>.</param>
/// <param name="LedgerTopFraction">Amnesiac only: the share of each update its ledger stores while the original trains.</param>
/// <param name="Shards">Sharded-exact only: the number of adapters K.</param>
internal sealed record PlannedMethod(string Label, string Method, IReadOnlyDictionary<string, string> Options,
    double? LedgerTopFraction = null, int? Shards = null)
{
    /// <summary>The options as <c>name=value</c> pairs, for the table.</summary>
    public string Describe()
    {
        var parts = Options.Select(kv => $"{kv.Key}={kv.Value}").ToList();
        if (LedgerTopFraction is { } p) parts.Insert(0, $"ledger top-p={p:0.##}");
        if (Shards is { } k) parts.Insert(0, $"K={k} (id hash)");
        return parts.Count == 0 ? "—" : string.Join(", ", parts);
    }
}
