using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// FedAvg as a running weighted sum: S = Σ nᵢ·Δᵢ, then global + S / Σ nᵢ. Memory is two
/// adapter-sized buffers (the sum and the next sum) whatever the number of clients.
/// </summary>
/// <remarks>
/// Each update is checked and folded in one pass (<see cref="FoldKernel"/>) into the spare
/// buffer, and the buffers are swapped only when every value came out finite: a rejected update
/// leaves the sum bit-for-bit untouched, at the cost of one extra adapter of memory instead of a
/// second pass over the update.
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
    private readonly Func<string, bool> _isFrozen;
    private readonly float[]?[] _sums;
    private readonly float[]?[] _next;

    public WeightedSumAggregator(RoundContext round, UpdateValidator validator, Func<string, bool>? isFrozen = null)
        : base(round, validator)
    {
        _isFrozen = isFrozen ?? (static _ => false);
        _sums = new float[Global.Count][];
        _next = new float[Global.Count][];
        for (var i = 0; i < Global.Count; i++)
        {
            if (_isFrozen(Global[i].Name)) continue;
            _sums[i] = new float[Global[i].Data.Length];
            _next[i] = new float[Global[i].Data.Length];
        }
    }

    protected Func<string, bool> IsFrozen => _isFrozen;

    protected override bool FoldChecksFiniteness => true;

    protected override string? Fold(ClientUpdate update)
    {
        float weight = update.SampleCount;
        var adapter = update.Kind == UpdateKind.Adapter;
        for (var i = 0; i < _sums.Length; i++)
        {
            var g = Global[i];
            var u = update.Parameters[g.Name].Data;
            var finite = _sums[i] is { } sum
                ? FoldKernel.MultiplyAdd(u, g.Data, adapter, weight, sum, _next[i])
                : TensorPrimitives.IsFiniteAll<float>(u);
            if (!finite)
                return UpdateValidator.DescribeNonFinite(update.Parameters)
                    ?? $"adding tensor '{g.Name}' would overflow the float32 running sum";
        }
        for (var i = 0; i < _sums.Length; i++) (_sums[i], _next[i]) = (_next[i], _sums[i]);
        return null;
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
            TensorPrimitives.Divide(sum, (float)totalWeight, sum);
            TensorPrimitives.Add(sum, g.Data, sum);
            result.Add(g.Name, (int[])g.Shape.Clone(), sum);
            _sums[i] = _next[i] = null;
        }
        return result;
    }
}
