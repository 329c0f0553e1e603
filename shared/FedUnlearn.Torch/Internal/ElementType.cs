namespace FedUnlearn.Torch.Internal;

/// <summary>Maps C# element types to <see cref="ScalarType"/> for data import and export.</summary>
internal static class ElementType
{
    /// <summary>The native code of a dtype, rejecting values outside <see cref="ScalarType"/> before they reach libtorch.</summary>
    internal static int Code(ScalarType type) =>
        Enum.IsDefined(type) ? (int)type : throw new ArgumentException($"Unknown dtype code {(int)type}.", nameof(type));

    /// <summary>Bytes per element of a dtype.</summary>
    internal static int SizeOf(ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Bool => 1,
        ScalarType.Float16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentException($"Unknown dtype code {(int)type}.", nameof(type)),
    };

    internal static ScalarType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        if (typeof(T) == typeof(byte)) return ScalarType.Byte;
        if (typeof(T) == typeof(Half)) return ScalarType.Float16;
        throw new NotSupportedException(
            $"Element type {typeof(T).Name} has no tensor dtype; use float, double, long, int, bool, byte or Half.");
    }
}
