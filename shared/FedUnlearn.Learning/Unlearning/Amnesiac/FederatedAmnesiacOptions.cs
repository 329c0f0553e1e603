using System.Globalization;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>Options of <see cref="FederatedAmnesiacMethod"/>, as an UnlearnTask carries them.</summary>
public sealed record FederatedAmnesiacOptions
{
    /// <summary>
    /// The option the server fills for the forgetting client: <c>round:weight</c> pairs separated by commas
    /// (invariant culture), one per training round in which the server aggregated this client's update, the
    /// weight being that update's coefficient in the round's aggregate (FedAvg: its samples / the round's samples).
    /// </summary>
    public const string RoundWeightsName = "round-weights";

    /// <summary>
    /// Aggregation weight of this client's update per training round; rounds absent never reached the global adapter
    /// (empty: none did, there is nothing to subtract). Null when the task carried no weights at all.
    /// </summary>
    public IReadOnlyDictionary<long, double>? RoundWeights { get; init; }

    /// <summary>
    /// <c>ticket</c>: the forget request the task serves (the server sets it). The batches a subtraction used are
    /// claimed under it: the same ticket subtracts them again (a campaign round run twice), another one skips them
    /// (their update already left the model), even for the same samples. Without it the claim is keyed by the forget set.
    /// </summary>
    public string? Ticket { get; init; }

    /// <summary><c>allow-lost</c>: subtract what is stored even when some forget samples' updates were evicted or never recorded (reported), instead of failing.</summary>
    public bool AllowLost { get; init; }

    /// <summary><c>top-p</c>: the fraction of each stored update's coordinates to subtract (largest first); null: all that is stored.</summary>
    public double? TopFraction { get; init; }

    /// <summary>Reads the options from a task's dictionary; <paramref name="stored"/> is the journal's recorded fraction.</summary>
    /// <exception cref="ArgumentException">A malformed weight list, or a <c>top-p</c> above what the journal stores.</exception>
    public static FederatedAmnesiacOptions Read(MethodOptions options, double stored)
    {
        ArgumentNullException.ThrowIfNull(options);
        var top = options.Double("top-p");
        if (top is { } p && !(p > 0 && p <= stored))
            throw options.Invalid("top-p", p, $"must be in (0, {stored.ToString(CultureInfo.InvariantCulture)}]: the journal stores only the top {stored.ToString(CultureInfo.InvariantCulture)} of each update");
        var text = options.String(RoundWeightsName);
        return new FederatedAmnesiacOptions
        {
            AllowLost = options.Boolean("allow-lost") ?? false,
            Ticket = options.String("ticket") is { Length: > 0 } ticket ? ticket : null,
            TopFraction = top,
            RoundWeights = text is null ? null : ParseWeights(options, text),
        };
    }

    private static Dictionary<long, double> ParseWeights(MethodOptions options, string text)
    {
        var weights = new Dictionary<long, double>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var round)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !(weight > 0 && weight <= 1)
                || !weights.TryAdd(round, weight))
                throw options.Invalid(RoundWeightsName, pair, "must be distinct round:weight pairs with a weight in (0, 1]");
        }

        return weights;
    }
}
