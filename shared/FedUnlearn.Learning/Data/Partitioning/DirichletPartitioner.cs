using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Partitioning;

/// <summary>
/// Label-skewed split (Hsu et al., 2019; the NIID-Bench recipe): for each class, proportions
/// p ~ Dirichlet(α, …, α) over the clients, and that class's shuffled samples are cut by the
/// cumulative proportions. Small α (0.1) gives each client a few dominant classes; large α (100)
/// approaches IID. A draw in which some client gets fewer than <see cref="MinSamplesPerClient"/>
/// samples is redrawn (as NIID-Bench does), up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class DirichletPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <param name="alpha">Concentration α &gt; 0; smaller is more skewed.</param>
    /// <param name="minSamplesPerClient">Every client gets at least this many samples.</param>
    /// <param name="maxAttempts">Redraws allowed before giving up with an error.</param>
    public DirichletPartitioner(double alpha, int minSamplesPerClient = 10, int maxAttempts = 100)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The Dirichlet concentration must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(minSamplesPerClient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Alpha = alpha;
        MinSamplesPerClient = minSamplesPerClient;
        MaxAttempts = maxAttempts;
    }

    /// <summary>The concentration α.</summary>
    public double Alpha { get; }

    /// <summary>The minimum samples per client.</summary>
    public int MinSamplesPerClient { get; }

    /// <summary>The redraw budget.</summary>
    public int MaxAttempts { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The minimum cannot be met (too few samples, or no draw met it).</exception>
    public IReadOnlyList<DatasetSubset> Partition(IDataset dataset, int clientCount, ulong seed)
    {
        PartitionChecks.Arguments(dataset, clientCount);
        if ((long)MinSamplesPerClient * clientCount > dataset.Count)
            throw new ArgumentException($"Dataset '{dataset.Name}' has {dataset.Count} samples; {clientCount} clients × {MinSamplesPerClient} minimum need {(long)MinSamplesPerClient * clientCount}.", nameof(clientCount));
        var byClass = PartitionChecks.IndicesByClass(dataset);
        var smallest = 0;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var perClient = Draw(byClass, clientCount, new Xoshiro256(seed, (ulong)attempt));
            smallest = perClient.Min(c => c.Count);
            if (smallest >= MinSamplesPerClient) return PartitionChecks.Subsets(dataset, perClient);
        }
        throw new ArgumentException(
            $"Dirichlet(α={Alpha}) partition of '{dataset.Name}' over {clientCount} clients: after {MaxAttempts} draws the smallest client still had " +
            $"{smallest} samples (minimum {MinSamplesPerClient}). Raise α, lower the minimum, or use fewer clients.", nameof(clientCount));
    }

    private List<int>[] Draw(List<int>[] byClass, int clientCount, Xoshiro256 rng)
    {
        var perClient = new List<int>[clientCount];
        for (var c = 0; c < clientCount; c++) perClient[c] = [];
        var proportions = new double[clientCount];
        foreach (var classIndices in byClass)
        {
            var shuffled = classIndices.ToArray();
            rng.Shuffle(shuffled.AsSpan());
            GammaSampler.NextDirichlet(rng, Alpha, proportions);
            var cumulative = 0.0;
            var start = 0;
            for (var c = 0; c < clientCount; c++)
            {
                cumulative += proportions[c];
                // The last client takes the remainder so rounding never drops a sample.
                var end = c == clientCount - 1 ? shuffled.Length : Math.Min(shuffled.Length, (int)(cumulative * shuffled.Length));
                perClient[c].AddRange(shuffled.AsSpan(start, Math.Max(0, end - start)));
                start = Math.Max(start, end);
            }
        }
        return perClient;
    }
}
