using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Partitioning;

/// <summary>
/// Pathological non-IID split: each client holds only the classes it is given. A class given to
/// several clients is shuffled and split evenly among them; a class given to nobody is left out.
/// </summary>
public sealed class ByClassPartitioner : IPartitioner
{
    private readonly int[][] _classesByClient;

    /// <summary>Creates the partitioner from an explicit assignment: entry c lists client c's classes.</summary>
    public ByClassPartitioner(IReadOnlyList<IReadOnlyList<int>> classesByClient)
    {
        ArgumentNullException.ThrowIfNull(classesByClient);
        if (classesByClient.Count == 0) throw new ArgumentException("The assignment names no client.", nameof(classesByClient));
        _classesByClient = classesByClient.Select((classes, c) =>
        {
            ArgumentNullException.ThrowIfNull(classes, nameof(classesByClient));
            if (classes.Count == 0) throw new ArgumentException($"Client {c} is given no class.", nameof(classesByClient));
            if (classes.Distinct().Count() != classes.Count) throw new ArgumentException($"Client {c} is given a class twice: [{string.Join(", ", classes)}].", nameof(classesByClient));
            return classes.ToArray();
        }).ToArray();
    }

    /// <summary>Client c's classes, by client.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ClassesByClient => _classesByClient;

    /// <summary>
    /// The usual "shards" assignment: client c gets classes c·k, c·k+1, …, c·k+k-1 (mod
    /// <paramref name="classCount"/>), with k = <paramref name="classesPerClient"/>.
    /// </summary>
    public static ByClassPartitioner Cyclic(int clientCount, int classCount, int classesPerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classesPerClient, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classesPerClient, classCount);
        var assignment = Enumerable.Range(0, clientCount)
            .Select(c => (IReadOnlyList<int>)Enumerable.Range(0, classesPerClient).Select(j => (c * classesPerClient + j) % classCount).ToArray())
            .ToArray();
        return new ByClassPartitioner(assignment);
    }

    /// <inheritdoc />
    public IReadOnlyList<DatasetSubset> Partition(IDataset dataset, int clientCount, ulong seed)
    {
        PartitionChecks.Arguments(dataset, clientCount);
        if (clientCount != _classesByClient.Length)
            throw new ArgumentException($"The class assignment is for {_classesByClient.Length} clients, not {clientCount}.", nameof(clientCount));
        var holders = new List<int>[dataset.ClassCount];
        for (var c = 0; c < clientCount; c++)
        {
            foreach (var k in _classesByClient[c])
            {
                if ((uint)k >= (uint)dataset.ClassCount)
                    throw new ArgumentException($"Client {c} is given class {k}, but '{dataset.Name}' has classes 0..{dataset.ClassCount - 1}.", nameof(dataset));
                (holders[k] ??= []).Add(c);
            }
        }

        var perClient = new List<int>[clientCount];
        for (var c = 0; c < clientCount; c++) perClient[c] = [];
        var rng = new Xoshiro256(seed);
        var byClass = PartitionChecks.IndicesByClass(dataset);
        for (var k = 0; k < byClass.Length; k++)
        {
            if (holders[k] is not { } clients) continue;
            var shuffled = byClass[k].ToArray();
            rng.Shuffle(shuffled.AsSpan());
            for (var j = 0; j < clients.Count; j++)
            {
                int start = (int)((long)shuffled.Length * j / clients.Count), end = (int)((long)shuffled.Length * (j + 1) / clients.Count);
                perClient[clients[j]].AddRange(shuffled.AsSpan(start, end - start));
            }
        }
        for (var c = 0; c < clientCount; c++)
        {
            if (perClient[c].Count == 0)
                throw new ArgumentException($"Client {c} would get no samples: its classes [{string.Join(", ", _classesByClient[c])}] are empty in '{dataset.Name}'.", nameof(dataset));
        }
        return PartitionChecks.Subsets(dataset, perClient);
    }
}
