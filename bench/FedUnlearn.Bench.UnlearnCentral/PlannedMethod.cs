namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>One unlearning method as the benchmark runs it: its registry name and the options given to it.</summary>
/// <param name="Method">The registry name, e.g. <c>nabla-tau</c>.</param>
/// <param name="Options">The task options (name → text) passed to <c>MethodRegistry.Create</c>.</param>
internal sealed record PlannedMethod(string Method, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The options as <c>name=value</c> pairs, for the table.</summary>
    public string Describe() => Options.Count == 0 ? "—" : string.Join(", ", Options.Select(kv => $"{kv.Key}={kv.Value}"));
}
