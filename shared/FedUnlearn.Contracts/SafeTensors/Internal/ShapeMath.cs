namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Element counts and shape text shared by the reader, writer and tensor type.</summary>
internal static class ShapeMath
{
    /// <summary>Product of the dimensions; throws ArgumentException on a negative dimension or overflow.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape, string tensorName)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor '{tensorName}': negative dimension in shape {Text(shape)}.");
            try { count = checked(count * d); }
            catch (OverflowException) { throw new ArgumentException($"Tensor '{tensorName}': shape {Text(shape)} holds more elements than fit in 64 bits."); }
        }
        return count;
    }

    public static string Text(ReadOnlySpan<long> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}
