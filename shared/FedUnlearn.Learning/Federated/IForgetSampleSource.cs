namespace FedUnlearn.Learning.Federated;

/// <summary>
/// Resolves forget requests to the sample ids they tombstoned on this node, so that sample-scope
/// unlearning knows its forget set (ids never leave the client; the server names only requests). The
/// client SDK implements it over its durable forget-request store; simulations use
/// <see cref="InMemoryForgetSampleSource"/>.
/// </summary>
public interface IForgetSampleSource
{
    /// <summary>The union of the sample ids of <paramref name="requestIds"/>.</summary>
    /// <exception cref="ArgumentException">A request is unknown on this node.</exception>
    ValueTask<IReadOnlyCollection<long>> GetSampleIdsAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken);
}
