using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Partitioning;

/// <summary>
/// Uniformly random, equal-size split: a seeded permutation cut into client chunks whose sizes
/// differ by at most one. Class proportions of each client match the dataset's up to sampling noise.
/// </summary>
public sealed class IidPartitioner : IPartitioner
{
    /// <inheritdoc />
    public IReadOnlyList<DatasetSubset> Partition(IDataset dataset, int clientCount, ulong seed)
    {
        PartitionChecks.Arguments(dataset, clientCount);
        if (dataset.Count < clientCount)
            throw new ArgumentException($"Dataset '{dataset.Name}' has {dataset.Count} samples, fewer than the {clientCount} clients.", nameof(clientCount));
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        new Xoshiro256(seed).Shuffle(order.AsSpan());
        var perClient = new List<int>[clientCount];
        int start = 0, baseSize = dataset.Count / clientCount, larger = dataset.Count % clientCount;
        for (var c = 0; c < clientCount; c++)
        {
            var size = baseSize + (c < larger ? 1 : 0);
            perClient[c] = [.. order.AsSpan(start, size)];
            start += size;
        }
        return PartitionChecks.Subsets(dataset, perClient);
    }
}
