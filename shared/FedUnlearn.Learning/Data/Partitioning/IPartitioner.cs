namespace FedUnlearn.Learning.Data.Partitioning;

/// <summary>
/// Splits one dataset among simulated clients. Every implementation is deterministic in
/// (dataset, client count, seed) and returns views that keep the original sample ids.
/// </summary>
public interface IPartitioner
{
    /// <summary>One subset per client, in client order; indices inside a subset ascend.</summary>
    /// <exception cref="ArgumentException">The dataset is empty or cannot be split as asked; the message says why.</exception>
    IReadOnlyList<DatasetSubset> Partition(IDataset dataset, int clientCount, ulong seed);
}
