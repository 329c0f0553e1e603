using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Elementwise math; tensor operands broadcast as in PyTorch.</summary>
public sealed partial class Tensor
{
    /// <summary><c>this + alpha * other</c>.</summary>
    public Tensor add(Tensor other, double alpha = 1) => Binary(other, BinaryOp.Add, alpha);

    /// <summary><c>this + value</c>.</summary>
    public Tensor add(double value) => Scalar(value, BinaryOp.Add);

    /// <summary><c>this + value</c>, keeping integer dtypes.</summary>
    public Tensor add(long value) => Scalar(value, BinaryOp.Add);

    /// <summary><c>this - alpha * other</c>.</summary>
    public Tensor sub(Tensor other, double alpha = 1) => Binary(other, BinaryOp.Sub, alpha);

    /// <summary><c>this - value</c>.</summary>
    public Tensor sub(double value) => Scalar(value, BinaryOp.Sub);

    /// <summary><c>this - value</c>, keeping integer dtypes.</summary>
    public Tensor sub(long value) => Scalar(value, BinaryOp.Sub);

    /// <summary><c>this * other</c>.</summary>
    public Tensor mul(Tensor other) => Binary(other, BinaryOp.Mul);

    /// <summary><c>this * value</c>.</summary>
    public Tensor mul(double value) => Scalar(value, BinaryOp.Mul);

    /// <summary><c>this * value</c>, keeping integer dtypes.</summary>
    public Tensor mul(long value) => Scalar(value, BinaryOp.Mul);

    /// <summary>True division (integer tensors give floats).</summary>
    public Tensor div(Tensor other) => Binary(other, BinaryOp.Div);

    /// <summary>True division by a scalar.</summary>
    public Tensor div(double value) => Scalar(value, BinaryOp.Div);

    /// <summary>Division rounded down.</summary>
    public Tensor floor_divide(Tensor other) => Binary(other, BinaryOp.FloorDivide);

    /// <summary>Division by a scalar rounded down.</summary>
    public Tensor floor_divide(long value) => Scalar(value, BinaryOp.FloorDivide);

    /// <summary>Python-style remainder (sign of the divisor).</summary>
    public Tensor remainder(Tensor other) => Binary(other, BinaryOp.Remainder);

    /// <summary>Python-style remainder by a scalar.</summary>
    public Tensor remainder(long value) => Scalar(value, BinaryOp.Remainder);

    /// <summary><c>this ^ exponent</c> elementwise.</summary>
    public Tensor pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow);

    /// <summary><c>this ^ exponent</c>.</summary>
    public Tensor pow(double exponent) => Scalar(exponent, BinaryOp.Pow);

    /// <summary>Elementwise maximum.</summary>
    public Tensor maximum(Tensor other) => Binary(other, BinaryOp.Maximum);

    /// <summary>Elementwise minimum.</summary>
    public Tensor minimum(Tensor other) => Binary(other, BinaryOp.Minimum);

    /// <summary><c>atan2(this, other)</c>.</summary>
    public Tensor atan2(Tensor other) => Binary(other, BinaryOp.Atan2);

    /// <summary>Clamps into [min, max]; a null bound is open.</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        Wrap(Native.fu_clamp(Handle, min ?? 0, Native.Flag(min.HasValue), max ?? 0, Native.Flag(max.HasValue), 0));

    /// <summary>Clamps from below.</summary>
    public Tensor clamp_min(double min) => Scalar(min, BinaryOp.Maximum);

    /// <summary>Clamps from above.</summary>
    public Tensor clamp_max(double max) => Scalar(max, BinaryOp.Minimum);

    /// <summary><c>this + value * t1 * t2</c>.</summary>
    public Tensor addcmul(Tensor t1, Tensor t2, double value = 1) => AddC(t1, t2, value, 0, false);

    /// <summary><c>this + value * t1 / t2</c>.</summary>
    public Tensor addcdiv(Tensor t1, Tensor t2, double value = 1) => AddC(t1, t2, value, 1, false);

    /// <summary><c>this + weight * (end - this)</c>.</summary>
    public Tensor lerp(Tensor end, double weight)
    {
        ArgumentNullException.ThrowIfNull(end);
        return Wrap(Native.fu_lerp(Handle, end.Handle, Native.NoTensor, weight, 0));
    }

    /// <summary>Replaces elements where <paramref name="mask"/> is true by <paramref name="value"/>.</summary>
    public Tensor masked_fill(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Wrap(Native.fu_masked_fill(Handle, mask.Handle, value, 0));
    }

    /// <summary>Matrix product with broadcasting over batch dims (1-D operands as in PyTorch).</summary>
    public Tensor matmul(Tensor other) => MatMul(other, 0);

    /// <summary>Product of two 2-D matrices.</summary>
    public Tensor mm(Tensor other) => MatMul(other, 1);

    /// <summary>Batched product of [b, n, m] and [b, m, p].</summary>
    public Tensor bmm(Tensor other) => MatMul(other, 2);

    /// <summary>Outer product of two vectors.</summary>
    public Tensor outer(Tensor other) => MatMul(other, 3);

    private Tensor Binary(Tensor other, BinaryOp op, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(Native.fu_binary(Handle, other.Handle, (int)op, alpha));
    }

    private Tensor Scalar(double value, BinaryOp op) => Wrap(Native.fu_binary_scalar(Handle, value, 0, 0, (int)op));

    private Tensor Scalar(long value, BinaryOp op) => Wrap(Native.fu_binary_scalar(Handle, value, value, 1, (int)op));

    private Tensor AddC(Tensor t1, Tensor t2, double value, int kind, bool inplace)
    {
        ArgumentNullException.ThrowIfNull(t1);
        ArgumentNullException.ThrowIfNull(t2);
        var result = NativeError.Check(Native.fu_addc(Handle, t1.Handle, t2.Handle, value, kind, Native.Flag(inplace)));
        return inplace ? this : new Tensor(result);
    }

    private Tensor MatMul(Tensor other, int kind)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Wrap(Native.fu_matmul(Handle, other.Handle, kind));
    }
}
