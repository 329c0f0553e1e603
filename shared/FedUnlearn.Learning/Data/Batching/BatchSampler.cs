using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Batching;

/// <summary>
/// Cuts each epoch of a dataset into batches of indices, reshuffled per epoch from (seed, epoch),
/// skipping tombstoned samples.
/// </summary>
/// <remarks>
/// Determinism: the epoch's permutation is drawn over all indices and tombstoned ones are then
/// removed, so the relative order of the surviving samples does not depend on which samples were
/// forgotten. Consistency point: <see cref="PlanEpoch"/> consults the tombstones once to fix the
/// epoch's batches, and each batch is filtered again when the plan hands it out, so a tombstone
/// whose <see cref="ITombstoneStore.AddAsync"/> has completed never appears in a batch handed out
/// afterwards, even mid-epoch (such a batch is then smaller, and skipped if it becomes empty).
/// </remarks>
public sealed class BatchSampler
{
    private readonly ITombstoneStore? _tombstones;

    /// <summary>Creates a sampler over <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
    public BatchSampler(IDataset dataset, BatchSamplerOptions options, ITombstoneStore? tombstones = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (dataset.Count == 0)
            throw new ArgumentException($"Dataset '{dataset.Name}' is empty: there is nothing to batch.", nameof(dataset));
        Dataset = dataset;
        Options = options;
        _tombstones = tombstones;
    }

    /// <summary>The dataset whose indices the batches hold.</summary>
    public IDataset Dataset { get; }

    /// <summary>Batch size, shuffling, drop-last and seed.</summary>
    public BatchSamplerOptions Options { get; }

    /// <summary>Fixes the batches of <paramref name="epoch"/> (0-based) against the tombstones as they are now.</summary>
    public EpochPlan PlanEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var order = Enumerable.Range(0, Dataset.Count).ToArray();
        if (Options.Shuffle) new Xoshiro256(Options.Seed, (ulong)epoch).Shuffle(order.AsSpan());
        var live = 0;
        foreach (var index in order)
        {
            if (!IsTombstoned(index)) order[live++] = index;
        }
        var batchCount = Options.DropLast ? live / Options.BatchSize : (live + Options.BatchSize - 1) / Options.BatchSize;
        var planned = Math.Min(live, batchCount * Options.BatchSize);
        return new EpochPlan(this, epoch, order.AsMemory(0, planned));
    }

    internal bool IsTombstoned(int index) => _tombstones is not null && _tombstones.Contains(Dataset.GetId(index));
}
