using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// FedAvg as a running weighted sum: S = Σ nᵢ·Δᵢ, then global + S / Σ nᵢ. Memory is one
/// adapter-sized sum plus one tensor of scratch, whatever the number of clients.
/// </summary>
/// <remarks>
/// Numerics: the sum is kept in float32 and divided by the total weight once, at the end (one
/// correctly rounded division per value instead of a rescaling per update). Deltas, not absolute
/// values, are summed, so the rounding error is relative to the size of the updates rather than
/// to the size of the parameters, and the unchanged global is added back exactly once. Sample
/// counts become float weights: exact up to 2²⁴, and beyond that off by a relative 6e-8 at most.
/// Tensors matched by the frozen predicate are not summed: the result keeps the global values.
/// </remarks>
internal class WeightedSumAggregator : UpdateAggregatorBase
{
    private readonly Func<string, bool> _isFrozen;
    private readonly float[]?[] _sums;
    private float[] _scratch = [];

    public WeightedSumAggregator(RoundContext round, UpdateValidator validator, Func<string, bool>? isFrozen = null)
        : base(round, validator)
    {
        _isFrozen = isFrozen ?? (static _ => false);
        _sums = new float[Global.Count][];
        for (var i = 0; i < Global.Count; i++)
            if (!_isFrozen(Global[i].Name)) _sums[i] = new float[Global[i].Data.Length];
    }

    protected Func<string, bool> IsFrozen => _isFrozen;

    protected override void Fold(ClientUpdate update)
    {
        float weight = update.SampleCount;
        for (var i = 0; i < _sums.Length; i++)
        {
            if (_sums[i] is not { } sum) continue;
            var g = Global[i];
            var u = update.Parameters[g.Name].Data;
            if (update.Kind == UpdateKind.Delta)
            {
                TensorPrimitives.MultiplyAdd(u, weight, sum, sum);
                continue;
            }
            if (_scratch.Length < sum.Length) _scratch = new float[sum.Length];
            var delta = _scratch.AsSpan(0, sum.Length);
            TensorPrimitives.Subtract(u, g.Data, delta);
            TensorPrimitives.MultiplyAdd(delta, weight, sum, sum);
        }
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
            // The sum buffer becomes the result: no second adapter-sized allocation.
            TensorPrimitives.Divide(sum, (float)totalWeight, sum);
            TensorPrimitives.Add(sum, g.Data, sum);
            result.Add(g.Name, (int[])g.Shape.Clone(), sum);
            _sums[i] = null;
        }
        _scratch = [];
        return result;
    }
}
