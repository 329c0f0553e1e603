namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Running sample-weighted means of scalar metrics, per key (O(keys) memory).</summary>
internal sealed class MetricAccumulator
{
    private readonly Dictionary<string, (double WeightedSum, double Weight)> _sums = new(StringComparer.Ordinal);

    public void Add(IReadOnlyDictionary<string, double>? metrics, double weight)
    {
        if (metrics is null) return;
        foreach (var (key, value) in metrics)
        {
            // A client's broken metric must not poison everyone's mean.
            if (!double.IsFinite(value)) continue;
            _sums.TryGetValue(key, out var s);
            _sums[key] = (s.WeightedSum + value * weight, s.Weight + weight);
        }
    }

    public IReadOnlyDictionary<string, double> Means() =>
        _sums.ToDictionary(kv => kv.Key, kv => kv.Value.WeightedSum / kv.Value.Weight, StringComparer.Ordinal);
}
