namespace FedUnlearn.Server.Aggregation;

/// <summary>The bookkeeping of one round's aggregation.</summary>
/// <param name="Accepted">Updates that counted.</param>
/// <param name="TotalWeight">Sum of their sample counts.</param>
/// <param name="Contributors">Ids of the clients whose updates counted, in arrival order.</param>
/// <param name="Rejected">Updates refused, with the reason.</param>
/// <param name="Failures">Selected clients that reported a failure instead of an update.</param>
/// <param name="Metrics">Sample-weighted means of the training metrics the accepted clients reported.</param>
public sealed record AggregationSummary(
    int Accepted,
    long TotalWeight,
    IReadOnlyList<string> Contributors,
    IReadOnlyList<RejectedUpdate> Rejected,
    IReadOnlyList<RejectedUpdate> Failures,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Accepted updates that a norm bound scaled down before they counted.</summary>
    public int Clipped { get; init; }
}
