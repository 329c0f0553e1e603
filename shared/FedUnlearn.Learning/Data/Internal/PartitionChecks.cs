namespace FedUnlearn.Learning.Data.Internal;

/// <summary>Shared argument checks and result assembly for the partitioners.</summary>
internal static class PartitionChecks
{
    public static void Arguments(IDataset dataset, int clientCount)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(clientCount, 1);
        if (dataset.Count == 0)
            throw new ArgumentException($"Dataset '{dataset.Name}' is empty: there is nothing to partition.", nameof(dataset));
    }

    /// <summary>Indices of each class, ascending.</summary>
    public static List<int>[] IndicesByClass(IDataset dataset)
    {
        var byClass = new List<int>[dataset.ClassCount];
        for (var k = 0; k < byClass.Length; k++) byClass[k] = [];
        for (var i = 0; i < dataset.Count; i++) byClass[dataset.GetLabel(i)].Add(i);
        return byClass;
    }

    public static IReadOnlyList<DatasetSubset> Subsets(IDataset dataset, List<int>[] perClient)
    {
        var result = new DatasetSubset[perClient.Length];
        for (var c = 0; c < perClient.Length; c++)
        {
            perClient[c].Sort();
            result[c] = new DatasetSubset(dataset, perClient[c], $"{dataset.Name}/client-{c}");
        }
        return result;
    }
}
