using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// What travels is the update, not the adapter: trained − global, the delta the server's strategy
/// averages and norm-bounds. Optionally clipped to an L2 bound (the task's <c>clip_norm</c>), so that
/// one client's update cannot dominate the average.
/// </summary>
internal static class UpdateDelta
{
    /// <summary>The delta of <paramref name="trained"/> against <paramref name="global"/> (same layout), and its L2 norm before clipping.</summary>
    public static (ParameterSet Delta, double Norm) Compute(ParameterSet trained, ParameterSet global, double clipNorm)
    {
        var delta = new ParameterSet();
        double squares = 0;
        foreach (var tensor in trained)
        {
            var data = new float[tensor.Data.Length];
            TensorPrimitives.Subtract(tensor.Data, global[tensor.Name].Data, data);
            squares += TensorPrimitives.Dot<float>(data, data);
            delta.Add(tensor.Name, (int[])tensor.Shape.Clone(), data);
        }

        var norm = Math.Sqrt(squares);
        if (clipNorm > 0 && norm > clipNorm)
        {
            var scale = (float)(clipNorm / norm);
            foreach (var tensor in delta) TensorPrimitives.Multiply(tensor.Data, scale, tensor.Data);
        }

        return (delta, norm);
    }
}
