using System.Globalization;
using System.Numerics.Tensors;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>FedAvg that leaves the frozen tensors out and rejects updates that changed them.</summary>
internal sealed class FrozenAAggregator(RoundContext round, UpdateValidator validator, Func<string, bool> isFrozen, float tolerance)
    : WeightedSumAggregator(round, validator, isFrozen)
{
    protected override ValidationResult CheckUpdate(ClientUpdate update)
    {
        foreach (var g in Global)
        {
            if (!IsFrozen(g.Name)) continue;
            var drift = MaxAbsDelta(update.Parameters[g.Name].Data, g.Data, update.Kind);
            if (drift > tolerance)
                return ValidationResult.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"tensor '{g.Name}' is a frozen LoRA A but differs from the global by up to {drift:G6} (tolerance {tolerance:G6}); exact mode requires A unchanged"));
        }
        return ValidationResult.Valid;
    }

    private static float MaxAbsDelta(float[] update, float[] global, UpdateKind kind)
    {
        if (update.Length == 0) return 0;
        if (kind == UpdateKind.Delta) return MathF.Abs(TensorPrimitives.MaxMagnitude<float>(update));
        // Checked outside the aggregation lock, possibly concurrently: a private scratch.
        var delta = new float[update.Length];
        TensorPrimitives.Subtract(update, global, delta);
        return MathF.Abs(TensorPrimitives.MaxMagnitude<float>(delta));
    }
}
