using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// FedAvg as a running weighted sum: S = Σ nᵢ·Δᵢ, then global + S / Σ nᵢ. Memory is two
/// adapter-sized buffers (the sum and a checkpoint of it) plus references to at most
/// <see cref="CheckpointEvery"/> − 1 accepted updates, whatever the number of clients.
/// </summary>
/// <remarks>
/// Each update is folded in place, <c>S += w·Δ</c>, with every result checked in the same pass
/// (<see cref="FoldKernel"/>): one read of the update and one read-modify-write of the sum, the
/// least memory traffic a fold can have. A rejected update must leave the sum bit-for-bit
/// untouched, and a partly folded one cannot be subtracted back exactly (rounding), so the
/// aggregator keeps a checkpoint: a fold that finds <see cref="CheckpointEvery"/> − 1 updates held
/// since the last checkpoint (the zero sum at first) also saves the values it overwrites, in the
/// same pass (streaming stores: it is read back only after a rejection), and the updates folded
/// since are kept by reference. So the 4th fold checkpoints, then every 3rd. A rejection restores
/// the touched tensors from the checkpoint and replays those updates: the same float operations
/// in the same order, hence the same bits. Rejections are rare (a non-finite value, or a sum
/// overflowing float32), so their cost does not matter; the checkpoint costs one extra write
/// stream every third update. The buffers are allocated uninitialised: the first fold writes
/// <c>0 + w·Δ</c> without reading the sum, and a rejected first fold leaves nothing to restore.
/// Numerics: the sum is kept in float32 and divided by the total weight once, at the end (one
/// correctly rounded division per value instead of a rescaling per update). Deltas, not absolute
/// values, are summed, so the rounding error is relative to the size of the updates rather than
/// to the size of the parameters, and the unchanged global is added back exactly once. Sample
/// counts become float weights: exact up to 2²⁴, and beyond that off by a relative 6e-8 at most.
/// Tensors matched by the frozen predicate are only checked, not summed: the result keeps the
/// global values.
/// </remarks>
internal class WeightedSumAggregator : UpdateAggregatorBase
{
    /// <summary>How often a fold also checkpoints the sum; the updates since are kept for replay.</summary>
    internal const int CheckpointEvery = 4;

    private readonly Func<string, bool> _isFrozen;
    private readonly float[]?[] _sums;
    private readonly List<(ClientUpdate Update, float Weight)> _sinceCheckpoint = [];
    private float[]?[]? _checkpoint;   // null while the checkpoint is the initial all-zero sum
    private bool _checkpointWhole = true;
    private bool _empty = true;        // nothing folded yet: the sums are uninitialised and the first fold only writes

    public WeightedSumAggregator(RoundContext round, UpdateValidator validator, Func<string, bool>? isFrozen = null)
        : base(round, validator)
    {
        _isFrozen = isFrozen ?? (static _ => false);
        _sums = new float[Global.Count][];
        for (var i = 0; i < Global.Count; i++)
            if (!_isFrozen(Global[i].Name)) _sums[i] = GC.AllocateUninitializedArray<float>(Global[i].Data.Length);
    }

    protected Func<string, bool> IsFrozen => _isFrozen;

    /// <summary>Folds that restored a rejected update's tensors (for tests).</summary>
    internal int Rollbacks { get; private set; }

    protected override bool FoldChecksFiniteness => true;

    protected override string? Fold(ClientUpdate update)
    {
        // Frozen tensors are only checked, before anything is written.
        for (var i = 0; i < _sums.Length; i++)
            if (_sums[i] is null && !TensorPrimitives.IsFiniteAll<float>(update.Parameters[Global[i].Name].Data))
                return UpdateValidator.DescribeNonFinite(update.Parameters);

        float weight = update.SampleCount;
        var adapter = update.Kind == UpdateKind.Adapter;
        var checkpointing = !_empty && (!_checkpointWhole || _sinceCheckpoint.Count >= CheckpointEvery - 1);
        if (checkpointing) _checkpoint ??= Array.ConvertAll(_sums, s => s is null ? null : GC.AllocateUninitializedArray<float>(s.Length));
        for (var i = 0; i < _sums.Length; i++)
        {
            if (_sums[i] is not { } sum) continue;
            var g = Global[i];
            var x = update.Parameters[g.Name].Data;
            var finite = _empty ? FoldKernel.ScaleInto(x, g.Data, adapter, weight, sum)
                : checkpointing ? FoldKernel.AddScaledInPlace(x, g.Data, adapter, weight, sum, _checkpoint![i])
                : FoldKernel.AddScaledInPlace(x, g.Data, adapter, weight, sum);
            if (finite) continue;
            RollBack(throughTensor: i, checkpointing);
            return UpdateValidator.DescribeNonFinite(update.Parameters)
                ?? $"adding tensor '{g.Name}' would overflow the float32 running sum";
        }
        _empty = false;
        if (checkpointing)
        {
            _sinceCheckpoint.Clear();
            _checkpointWhole = true;
        }
        _sinceCheckpoint.Add((update, weight));
        return null;
    }

    // Tensors 0..throughTensor hold the rejected update; the others were not touched.
    private void RollBack(int throughTensor, bool checkpointedNow)
    {
        Rollbacks++;
        // Still empty: the next fold overwrites every sum without reading it.
        if (_empty) return;
        for (var i = 0; i <= throughTensor; i++)
        {
            if (_sums[i] is not { } sum) continue;
            if (_checkpoint?[i] is { } saved) saved.CopyTo(sum, 0);
            else Array.Clear(sum);
            // A checkpoint taken by this very fold is the state before it: nothing to replay.
            if (checkpointedNow) continue;
            var g = Global[i];
            foreach (var (update, weight) in _sinceCheckpoint)
                FoldKernel.AddScaledInPlace(update.Parameters[g.Name].Data, g.Data, update.Kind == UpdateKind.Adapter, weight, sum);
        }
        if (!checkpointedNow) return;
        // Only the tensors this fold reached were saved: the next fold takes a whole checkpoint.
        _checkpointWhole = false;
        _sinceCheckpoint.Clear();
    }

    protected override ParameterSet Combine(long totalWeight)
    {
        var result = new ParameterSet();
        for (var i = 0; i < _sums.Length; i++)
        {
            var g = Global[i];
            if (_sums[i] is not { } sum)
            {
                result.Add(g.Clone());
                continue;
            }
            // The sum buffer becomes the result: no further adapter-sized allocation.
            FoldKernel.DivideAdd(sum, totalWeight, g.Data);
            result.Add(g.Name, (int[])g.Shape.Clone(), sum);
            _sums[i] = null;
        }
        _checkpoint = null;
        _sinceCheckpoint.Clear();
        return result;
    }
}
