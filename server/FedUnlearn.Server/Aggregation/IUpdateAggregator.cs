namespace FedUnlearn.Server.Aggregation;

/// <summary>
/// Folds one round's client updates into a new global adapter as they arrive (a streaming
/// accumulator), so the round runner never has to hold every update. Created by
/// <see cref="IAggregationStrategy.CreateAggregator"/>.
/// </summary>
/// <remarks>
/// <see cref="Add"/> and <see cref="ReportFailure"/> are thread-safe: RPC handlers may call them
/// concurrently. <see cref="Result"/> closes the aggregator; later calls to <see cref="Add"/> throw.
/// The aggregator may keep references to the arrays of an accepted update: callers must not
/// mutate an update after handing it over.
/// </remarks>
public interface IUpdateAggregator
{
    /// <summary>The round this aggregator belongs to.</summary>
    RoundContext Round { get; }

    /// <summary>Number of updates accepted so far.</summary>
    int AcceptedCount { get; }

    /// <summary>
    /// Validates <paramref name="update"/> and, when valid, folds it in. A rejected update changes
    /// nothing and is listed in the summary with its reason; a client's second accepted update in
    /// the same round is rejected as a duplicate.
    /// </summary>
    /// <returns>Valid when the update now counts; otherwise the precise reason it was rejected.</returns>
    ValidationResult Add(ClientUpdate update);

    /// <summary>Records that a selected client failed (errors are data): it is listed in the summary.</summary>
    void ReportFailure(string clientId, string reason);

    /// <summary>
    /// Closes the round's aggregation and returns the new global adapter with a summary. With no
    /// accepted update the parameters are an unchanged copy of the global adapter.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    AggregationResult Result();
}
