using FedUnlearn.Contracts.SafeTensors.Internal;

namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>One tensor of a safetensors file: name, dtype, shape and its raw little-endian bytes.</summary>
public sealed class SafeTensor
{
    /// <summary>Creates a tensor over <paramref name="data"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the byte
    /// count differs from the element count times the dtype size.</exception>
    public SafeTensor(string name, SafeTensorDType dtype, long[] shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        var count = ShapeMath.ElementCount(shape, name);
        var expected = count * SafeTensorDTypes.SizeOf(dtype);
        if (expected != data.Length)
            throw new ArgumentException(
                $"Tensor '{name}': {SafeTensorDTypes.ToHeaderName(dtype)} × {ShapeMath.Text(shape)} needs {expected} bytes but {data.Length} were given.",
                nameof(data));
        Name = name;
        DType = dtype;
        Shape = shape;
        Data = data;
        ElementCount = count;
    }

    /// <summary>The tensor's name, unique within its file.</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>Dimensions, outermost first; empty for a scalar.</summary>
    public long[] Shape { get; }

    /// <summary>Row-major element bytes, little-endian.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>A float32 tensor holding a copy of <paramref name="values"/>.</summary>
    public static SafeTensor FromSingles(string name, long[] shape, ReadOnlySpan<float> values) =>
        new(name, SafeTensorDType.F32, shape, LittleEndianBlocks.GetBytes(values));

    /// <summary>A float64 tensor holding a copy of <paramref name="values"/>.</summary>
    public static SafeTensor FromDoubles(string name, long[] shape, ReadOnlySpan<double> values) =>
        new(name, SafeTensorDType.F64, shape, LittleEndianBlocks.GetBytes(values));

    /// <summary>An int64 tensor holding a copy of <paramref name="values"/>.</summary>
    public static SafeTensor FromInt64s(string name, long[] shape, ReadOnlySpan<long> values) =>
        new(name, SafeTensorDType.I64, shape, LittleEndianBlocks.GetBytes(values));

    /// <summary>The values as float32: F32 copied as is, F16 and BF16 widened, F64 rounded to nearest.</summary>
    /// <exception cref="InvalidOperationException">The dtype is not a floating-point type.</exception>
    public float[] ToSingles() => DType switch
    {
        SafeTensorDType.F32 => LittleEndianBlocks.ToArray<float>(Data.Span),
        SafeTensorDType.F64 => Array.ConvertAll(LittleEndianBlocks.ToArray<double>(Data.Span), v => (float)v),
        SafeTensorDType.F16 => Array.ConvertAll(LittleEndianBlocks.ToArray<Half>(Data.Span), v => (float)v),
        // bfloat16 is the upper half of a float32's bits.
        SafeTensorDType.BF16 => Array.ConvertAll(LittleEndianBlocks.ToArray<ushort>(Data.Span), v => BitConverter.Int32BitsToSingle(v << 16)),
        _ => throw WrongType("float32", "F32, F64, F16 or BF16"),
    };

    /// <summary>The values as float64: F64 copied as is, F32 widened.</summary>
    /// <exception cref="InvalidOperationException">The dtype is neither F64 nor F32.</exception>
    public double[] ToDoubles() => DType switch
    {
        SafeTensorDType.F64 => LittleEndianBlocks.ToArray<double>(Data.Span),
        SafeTensorDType.F32 => Array.ConvertAll(LittleEndianBlocks.ToArray<float>(Data.Span), v => (double)v),
        _ => throw WrongType("float64", "F64 or F32"),
    };

    /// <summary>The values as int64: I64 copied as is, I32 widened.</summary>
    /// <exception cref="InvalidOperationException">The dtype is neither I64 nor I32.</exception>
    public long[] ToInt64s() => DType switch
    {
        SafeTensorDType.I64 => LittleEndianBlocks.ToArray<long>(Data.Span),
        SafeTensorDType.I32 => Array.ConvertAll(LittleEndianBlocks.ToArray<int>(Data.Span), v => (long)v),
        _ => throw WrongType("int64", "I64 or I32"),
    };

    private InvalidOperationException WrongType(string target, string accepted) =>
        new($"Tensor '{Name}' has dtype {SafeTensorDTypes.ToHeaderName(DType)}; reading it as {target} needs {accepted}.");
}
