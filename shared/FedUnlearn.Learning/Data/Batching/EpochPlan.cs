namespace FedUnlearn.Learning.Data.Batching;

/// <summary>
/// The batches of one epoch, fixed by <see cref="BatchSampler.PlanEpoch"/>. Enumerate
/// <see cref="Batches"/> once per epoch; each batch is re-checked against the tombstones when it is
/// handed out.
/// </summary>
public sealed class EpochPlan
{
    private readonly BatchSampler _sampler;
    private readonly ReadOnlyMemory<int> _order;

    internal EpochPlan(BatchSampler sampler, int epoch, ReadOnlyMemory<int> order)
    {
        _sampler = sampler;
        Epoch = epoch;
        _order = order;
    }

    /// <summary>The epoch number the shuffle was drawn for.</summary>
    public int Epoch { get; }

    /// <summary>Samples planned for this epoch (live at planning, after drop-last).</summary>
    public int SampleCount => _order.Length;

    /// <summary>Batches planned for this epoch.</summary>
    public int BatchCount => (_order.Length + _sampler.Options.BatchSize - 1) / _sampler.Options.BatchSize;

    /// <summary>The planned dataset indices, in order, as fixed at planning time.</summary>
    public ReadOnlySpan<int> Order => _order.Span;

    /// <summary>
    /// The batches of dataset indices, each a new array; samples tombstoned since planning are left
    /// out, and batches left empty are skipped.
    /// </summary>
    public IEnumerable<int[]> Batches()
    {
        var size = _sampler.Options.BatchSize;
        for (var start = 0; start < _order.Length; start += size)
        {
            var planned = _order.Slice(start, Math.Min(size, _order.Length - start));
            var batch = Filter(planned.Span);
            if (batch.Length > 0) yield return batch;
        }
    }

    private int[] Filter(ReadOnlySpan<int> planned)
    {
        var kept = new List<int>(planned.Length);
        foreach (var index in planned)
        {
            if (!_sampler.IsTombstoned(index)) kept.Add(index);
        }
        return kept.ToArray();
    }
}
