using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The data of one simulation, built once: the public split the base is pre-trained on, the clients'
/// training partitions (views over one pool, poisoned where a backdoor request asks), each client's
/// slice of the test split (its held-out data), and the whole test split for central evaluation.
/// </summary>
internal sealed class SimulationData
{
    /// <summary>The dataset actually used (auto resolved).</summary>
    public required DatasetKind Kind { get; init; }

    /// <summary>Samples the frozen base is pre-trained on; null when the public fraction is 0.</summary>
    public required IDataset? Public { get; init; }

    /// <summary>Every client's training samples, in one dataset (ids unique across clients).</summary>
    public required IDataset Pool { get; init; }

    /// <summary>Client i's training partition, a view over <see cref="Pool"/>.</summary>
    public required IReadOnlyList<DatasetSubset> Clients { get; init; }

    /// <summary>Client i's held-out slice of the test split (∇τ's threshold, local MIA non-members).</summary>
    public required IReadOnlyList<DatasetSubset> ClientTests { get; init; }

    /// <summary>The whole test split, for central evaluation.</summary>
    public required IDataset Test { get; init; }

    /// <summary>Per backdoor request (by scenario index): the trigger stamped on its poisoned samples.</summary>
    public required IReadOnlyDictionary<int, BackdoorTrigger> Triggers { get; init; }

    /// <summary>Per backdoor request (by scenario index): the poisoned sample ids, which form its forget set.</summary>
    public required IReadOnlyDictionary<int, long[]> Poisoned { get; init; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => Test.ClassCount;

    /// <summary>The client (index) holding a pool sample id.</summary>
    public int OwnerOf(long sampleId)
    {
        _owners ??= Owners(Clients);
        return _owners[sampleId];
    }

    private Dictionary<long, int>? _owners;

    private static Dictionary<long, int> Owners(IReadOnlyList<DatasetSubset> clients)
    {
        var owners = new Dictionary<long, int>();
        for (var c = 0; c < clients.Count; c++)
            for (var i = 0; i < clients[c].Count; i++) owners[clients[c].GetId(i)] = c;
        return owners;
    }
}
