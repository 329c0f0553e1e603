using FedUnlearn.Learning.Data.Batching;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The tombstones a simulated client honours: those of earlier forget requests (kept by the simulation
/// across federations) and those its client store records now (the request being served).
/// </summary>
internal sealed class UnionTombstones(ITombstoneStore earlier, ITombstoneStore current) : ITombstoneStore
{
    public int Count => Snapshot().Length;

    public bool Contains(long sampleId) => earlier.Contains(sampleId) || current.Contains(sampleId);

    public long[] Snapshot() => [.. earlier.Snapshot().Union(current.Snapshot()).Order()];

    public ValueTask<int> AddAsync(IEnumerable<long> sampleIds, CancellationToken cancellationToken = default) =>
        current.AddAsync(sampleIds, cancellationToken);
}
