namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>A shared empty, read-only metrics dictionary.</summary>
internal static class EmptyMetrics
{
    public static readonly IReadOnlyDictionary<string, double> Instance = new Dictionary<string, double>();
}
