using System.Collections.Concurrent;

namespace FedUnlearn.Learning.Federated;

/// <summary>An in-memory, thread-safe <see cref="IForgetSampleSource"/> for simulations and tests.</summary>
public sealed class InMemoryForgetSampleSource : IForgetSampleSource
{
    private readonly ConcurrentDictionary<string, long[]> _requests = new(StringComparer.Ordinal);

    /// <summary>Records the sample ids of a request.</summary>
    /// <exception cref="ArgumentException">The request id is empty or already recorded.</exception>
    public void Add(string requestId, IEnumerable<long> sampleIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentNullException.ThrowIfNull(sampleIds);
        if (!_requests.TryAdd(requestId, [.. sampleIds]))
            throw new ArgumentException($"Forget request '{requestId}' is already recorded.", nameof(requestId));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<long>> GetSampleIdsAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        cancellationToken.ThrowIfCancellationRequested();
        var ids = new HashSet<long>();
        foreach (var requestId in requestIds)
        {
            if (!_requests.TryGetValue(requestId, out var samples))
                throw new ArgumentException($"Forget request '{requestId}' is unknown on this node.", nameof(requestIds));
            ids.UnionWith(samples);
        }

        return ValueTask.FromResult<IReadOnlyCollection<long>>(ids);
    }
}
