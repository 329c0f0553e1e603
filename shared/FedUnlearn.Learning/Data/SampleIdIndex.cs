namespace FedUnlearn.Learning.Data;

/// <summary>
/// Maps the stable sample ids of a dataset to its indices: the one place that turns a forget
/// request's ids into positions, refusing unknown and repeated ids with an error that names them.
/// Build it once per dataset (O(n)); lookups are O(1).
/// </summary>
public sealed class SampleIdIndex
{
    private const int MaxIdsInMessage = 10;
    private readonly Dictionary<long, int> _indexById;

    private SampleIdIndex(IDataset dataset, Dictionary<long, int> indexById)
    {
        Dataset = dataset;
        _indexById = indexById;
    }

    /// <summary>The dataset whose ids this maps.</summary>
    public IDataset Dataset { get; }

    /// <summary>Indexes the ids of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">The dataset holds a repeated id (a broken <see cref="IDataset"/>).</exception>
    public static SampleIdIndex Build(IDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var map = new Dictionary<long, int>(dataset.Count);
        for (var i = 0; i < dataset.Count; i++)
        {
            var id = dataset.GetId(i);
            if (!map.TryAdd(id, i))
                throw new ArgumentException($"Dataset '{dataset.Name}' holds sample id {id} twice (indices {map[id]} and {i}); ids must be unique.", nameof(dataset));
        }
        return new SampleIdIndex(dataset, map);
    }

    /// <summary>True when the dataset holds <paramref name="id"/>.</summary>
    public bool Contains(long id) => _indexById.ContainsKey(id);

    /// <summary>Looks up one id.</summary>
    public bool TryGetIndex(long id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>
    /// Resolves <paramref name="ids"/> to indices, in the same order.
    /// </summary>
    /// <exception cref="SampleSelectionException">Some ids are unknown or repeated; all are reported at once.</exception>
    public int[] Resolve(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<int>();
        var seen = new HashSet<long>();
        var unknown = new List<long>();
        var duplicates = new List<long>();
        var reportedDuplicates = new HashSet<long>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                if (reportedDuplicates.Add(id)) duplicates.Add(id);
                continue;
            }
            if (_indexById.TryGetValue(id, out var index)) result.Add(index);
            else unknown.Add(id);
        }
        if (unknown.Count > 0 || duplicates.Count > 0)
            throw new SampleSelectionException(Describe(unknown, duplicates), unknown, duplicates);
        return result.ToArray();
    }

    private string Describe(List<long> unknown, List<long> duplicates)
    {
        var parts = new List<string>(2);
        if (unknown.Count > 0)
            parts.Add($"{unknown.Count} unknown sample id(s) not in dataset '{Dataset.Name}': {List(unknown)}");
        if (duplicates.Count > 0)
            parts.Add($"{duplicates.Count} sample id(s) selected more than once: {List(duplicates)}");
        return string.Join("; ", parts) + ".";
    }

    private static string List(List<long> ids) =>
        string.Join(", ", ids.Take(MaxIdsInMessage)) + (ids.Count > MaxIdsInMessage ? $", … (+{ids.Count - MaxIdsInMessage} more)" : "");
}
