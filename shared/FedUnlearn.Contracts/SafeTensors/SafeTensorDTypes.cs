namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>Sizes and header names of <see cref="SafeTensorDType"/> values.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool or SafeTensorDType.U8 or SafeTensorDType.I8
            or SafeTensorDType.F8E5M2 or SafeTensorDType.F8E4M3 => 1,
        SafeTensorDType.I16 or SafeTensorDType.U16 or SafeTensorDType.F16 or SafeTensorDType.BF16 => 2,
        SafeTensorDType.I32 or SafeTensorDType.U32 or SafeTensorDType.F32 => 4,
        SafeTensorDType.F64 or SafeTensorDType.I64 or SafeTensorDType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>The name the header uses, e.g. <c>F32</c>, <c>F8_E4M3</c>.</summary>
    public static string ToHeaderName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool => "BOOL",
        SafeTensorDType.F8E5M2 => "F8_E5M2",
        SafeTensorDType.F8E4M3 => "F8_E4M3",
        _ when Enum.IsDefined(dtype) => dtype.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Parses a header dtype name; false for names this library does not support
    /// (sub-byte types such as F4, complex types, or text that is no dtype at all).</summary>
    public static bool TryParseHeaderName(string name, out SafeTensorDType dtype)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Exact names only: Enum.TryParse would also accept numbers and other casings.
        foreach (var d in Enum.GetValues<SafeTensorDType>())
            if (ToHeaderName(d) == name) { dtype = d; return true; }
        dtype = default;
        return false;
    }
}
