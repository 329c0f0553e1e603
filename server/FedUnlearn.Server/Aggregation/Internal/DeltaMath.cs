using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Delta arithmetic shared by validation, clipping and the aggregators.</summary>
internal static class DeltaMath
{
    /// <summary>
    /// L2 norm over all tensors of the update's delta (for an adapter, its distance to the
    /// global). Layouts must already match. NaN when a value is not finite.
    /// </summary>
    public static double Norm(ParameterSet global, ClientUpdate update)
    {
        double sumOfSquares = 0;
        foreach (var g in global)
        {
            var u = update.Parameters[g.Name].Data;
            // Per-tensor norms in float are accurate enough; squares add up in double.
            double n = update.Kind == UpdateKind.Delta
                ? TensorPrimitives.Norm<float>(u)
                : TensorPrimitives.Distance<float>(u, g.Data);
            sumOfSquares += n * n;
        }
        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>Writes the delta of one tensor (update minus global for an adapter) into <paramref name="destination"/>.</summary>
    public static void DeltaInto(ReadOnlySpan<float> update, ReadOnlySpan<float> global, UpdateKind kind, Span<float> destination)
    {
        if (kind == UpdateKind.Delta) update.CopyTo(destination);
        else TensorPrimitives.Subtract(update, global, destination);
    }

    /// <summary>The delta of <paramref name="update"/> scaled by <paramref name="factor"/>, as a new delta update.</summary>
    public static ClientUpdate ScaledDelta(ParameterSet global, ClientUpdate update, float factor)
    {
        var scaled = new ParameterSet();
        foreach (var g in global)
        {
            var data = new float[g.Data.Length];
            DeltaInto(update.Parameters[g.Name].Data, g.Data, update.Kind, data);
            TensorPrimitives.Multiply(data, factor, data);
            scaled.Add(g.Name, (int[])g.Shape.Clone(), data);
        }
        return update with { Parameters = scaled, Kind = UpdateKind.Delta };
    }
}
