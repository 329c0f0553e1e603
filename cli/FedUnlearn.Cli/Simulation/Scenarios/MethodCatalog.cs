using System.Text.Json;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The unlearning methods a scenario can name, and the options each accepts.</summary>
public static class MethodCatalog
{
    /// <summary>Residual feature alignment.</summary>
    public const string Rfa = "rfa";

    /// <summary>∇τ: loss-thresholded ascent on forget data mixed with descent on retained data.</summary>
    public const string NablaTau = "nabla-tau";

    /// <summary>Plain gradient ascent on the forget set.</summary>
    public const string GradientAscent = "gradient-ascent";

    /// <summary>Descent towards random wrong labels on the forget set.</summary>
    public const string LabelFlip = "label-flip";

    /// <summary>Subtract the stored updates of the batches that held forget samples.</summary>
    public const string Amnesiac = "amnesiac";

    /// <summary>K sharded adapters; retrain only the affected ones (exact).</summary>
    public const string ShardedExact = "sharded-exact";

    /// <summary>Continue training on retained data only.</summary>
    public const string Finetune = "finetune";

    /// <summary>Federated retraining from the base without the forgotten data: the reference.</summary>
    public const string Retrain = "retrain";

    /// <summary>
    /// A leaving client (client scope): the server removes its stored contributions from the committed
    /// history (delta replay), then repair rounds with the others; needs nothing from the client, so it
    /// works when the client is offline. <c>rounds</c> sets the repair rounds (default 1).
    /// </summary>
    public const string ClientRemoval = "client-removal";

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        [Rfa] = new(true, new()
        {
            ["lambda"] = v => PositiveNumber(v),
            ["target"] = v => OneOf(v, "mean-other-class", "random", "uniform-kl"),
            ["retainCe"] = v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "expected true or false",
        }),
        [NablaTau] = new(true, new()
        {
            ["tau"] = v => PositiveNumber(v),
            ["a0"] = v => Fraction(v),
            ["retainLoss"] = v => OneOf(v, "ce", "distill"),
        }),
        [GradientAscent] = new(true, []),
        [LabelFlip] = new(true, []),
        [Amnesiac] = new(false, new() { ["topFraction"] = v => Fraction(v) }),
        [ShardedExact] = new(false, new() { ["shards"] = v => v.TryGetInt32(out var k) && k >= 2 ? null : "expected an integer of at least 2" }),
        [Finetune] = new(true, []),
        [Retrain] = new(false, []),
        [ClientRemoval] = new(false, []),
    };

    /// <summary>Every known method name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Rfa, NablaTau, GradientAscent, LabelFlip, Amnesiac, ShardedExact, Finetune, Retrain, ClientRemoval];

    /// <summary>Whether <paramref name="name"/> is a known method.</summary>
    public static bool IsKnown(string name) => Entries.ContainsKey(name);

    /// <summary>Whether the layer-wise partial wrapper applies (optimisation-based methods).</summary>
    public static bool SupportsPartial(string name) => Entries.TryGetValue(name, out var e) && e.Optimising;

    /// <summary>
    /// Null when <paramref name="name"/> can handle a request of <paramref name="scope"/>, otherwise why not.
    /// A leaving client (offline in a simulation) takes its data with it: only the server's removal of its
    /// stored contributions and retraining without it need nothing from it; <c>client-removal</c> applies
    /// to nothing else.
    /// </summary>
    public static string? CannotHandle(string name, ForgetScope scope) => (name, scope) switch
    {
        (ClientRemoval, ForgetScope.Client) or (Retrain, ForgetScope.Client) => null,
        (ClientRemoval, _) => "it removes a leaving client's stored contributions, so it only handles client-scope requests",
        (ShardedExact, ForgetScope.Client) => "the simulation compares sharded-exact on 'samples' requests only (the server also removes an offline client's shard contributions this way)",
        (_, ForgetScope.Client) => $"{name} runs on the requesting client's own data, which a client that left offline cannot provide; "
            + $"a leaving client is handled by {ClientRemoval} (or {Retrain}, the reference)",
        _ => null,
    };

    /// <summary>The method-specific option names of a known method.</summary>
    public static IReadOnlyList<string> OptionNames(string name) => [.. Entries[name].Options.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Null when the option is known and its value valid, otherwise what is wrong.</summary>
    internal static string? CheckOption(string method, string option, JsonElement value)
    {
        var options = Entries[method].Options;
        if (!options.TryGetValue(option, out var check))
        {
            var known = options.Count == 0 ? "it takes none" : "known: " + string.Join(", ", options.Keys.Order(StringComparer.Ordinal));
            return $"unknown option for {method} ({known})";
        }

        return check(value);
    }

    private static string? PositiveNumber(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0 ? null : "expected a positive number";

    private static string? Fraction(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.GetDouble() is > 0 and <= 1 ? null : "expected a number in (0, 1]";

    private static string? OneOf(JsonElement v, params string[] allowed) =>
        v.ValueKind == JsonValueKind.String && allowed.Contains(v.GetString()) ? null : "expected one of " + string.Join(", ", allowed);

    private sealed record Entry(bool Optimising, Dictionary<string, Func<JsonElement, string?>> Options);
}
