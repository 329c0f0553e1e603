namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>
/// Element types of the safetensors format that have a whole-byte size. The declaration order is
/// the reference implementation's, which its writer (and ours) uses to lay tensors out: larger
/// alignment first, so every tensor starts at a multiple of its element size.
/// </summary>
public enum SafeTensorDType
{
    /// <summary>Boolean, one byte.</summary>
    Bool,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits (kept as raw bytes).</summary>
    F8E5M2,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits (kept as raw bytes).</summary>
    F8E4M3,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16: the upper half of a float32.</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE single precision.</summary>
    F32,
    /// <summary>IEEE double precision.</summary>
    F64,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
}
