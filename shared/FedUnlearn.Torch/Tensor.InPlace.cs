using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>
/// In-place updates (optimizers, initialisation). Each returns this tensor. On a leaf that requires
/// grad they must run under <c>torch.no_grad()</c>, as in PyTorch.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>this += alpha * other.</summary>
    public Tensor add_(Tensor other, double alpha = 1) => Binary_(other, BinaryOp.Add, alpha);

    /// <summary>this += value.</summary>
    public Tensor add_(double value) => Scalar_(value, BinaryOp.Add);

    /// <summary>this += value, exact for Int64 tensors.</summary>
    public Tensor add_(long value) => Scalar_(value, BinaryOp.Add);

    /// <summary>this -= alpha * other.</summary>
    public Tensor sub_(Tensor other, double alpha = 1) => Binary_(other, BinaryOp.Sub, alpha);

    /// <summary>this -= value.</summary>
    public Tensor sub_(double value) => Scalar_(value, BinaryOp.Sub);

    /// <summary>this *= other.</summary>
    public Tensor mul_(Tensor other) => Binary_(other, BinaryOp.Mul);

    /// <summary>this *= value.</summary>
    public Tensor mul_(double value) => Scalar_(value, BinaryOp.Mul);

    /// <summary>this *= value, exact for Int64 tensors.</summary>
    public Tensor mul_(long value) => Scalar_(value, BinaryOp.Mul);

    /// <summary>this /= other.</summary>
    public Tensor div_(Tensor other) => Binary_(other, BinaryOp.Div);

    /// <summary>this /= value.</summary>
    public Tensor div_(double value) => Scalar_(value, BinaryOp.Div);

    /// <summary>this = this ^ exponent.</summary>
    public Tensor pow_(double exponent) => Scalar_(exponent, BinaryOp.Pow);

    /// <summary>this = max(this, other).</summary>
    public Tensor maximum_(Tensor other) => Binary_(other, BinaryOp.Maximum);

    /// <summary>this += value * t1 * t2 (Adam's second moment).</summary>
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) => AddC(t1, t2, value, 0, true);

    /// <summary>this += value * t1 / t2 (Adam's step).</summary>
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) => AddC(t1, t2, value, 1, true);

    /// <summary>this += weight * (end - this) (Adam's first moment with weight 1 - beta1).</summary>
    public Tensor lerp_(Tensor end, double weight)
    {
        ArgumentNullException.ThrowIfNull(end);
        NativeError.Check(Native.fu_lerp(Handle, end.Handle, Native.NoTensor, weight, 1));
        return this;
    }

    /// <summary>Clamps in place into [min, max]; a null bound is open.</summary>
    public Tensor clamp_(double? min = null, double? max = null)
    {
        NativeError.Check(Native.fu_clamp(Handle, min ?? 0, Native.Flag(min.HasValue), max ?? 0, Native.Flag(max.HasValue), 1));
        return this;
    }

    /// <summary>Copies <paramref name="source"/>'s values (broadcast, converted, across devices) into this tensor.</summary>
    public Tensor copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        NativeError.Check(Native.fu_copy_(Handle, source.Handle));
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> (not recorded by autograd).</summary>
    public Tensor fill_(double value) => Init_(2, value, 0);

    /// <summary>Sets every element to zero (not recorded by autograd).</summary>
    public Tensor zero_() => Init_(3, 0, 0);

    /// <summary>Fills with uniform samples in [from, to) (not recorded by autograd).</summary>
    public Tensor uniform_(double from = 0, double to = 1) => Init_(0, from, to);

    /// <summary>Fills with normal samples (not recorded by autograd).</summary>
    public Tensor normal_(double mean = 0, double std = 1) => Init_(1, mean, std);

    /// <summary>Replaces elements where <paramref name="mask"/> is true by <paramref name="value"/>.</summary>
    public Tensor masked_fill_(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        NativeError.Check(Native.fu_masked_fill(Handle, mask.Handle, value, 1));
        return this;
    }

    /// <summary>In-place square root.</summary>
    public Tensor sqrt_() => Unary_(UnaryOp.Sqrt);

    /// <summary>In-place negation.</summary>
    public Tensor neg_() => Unary_(UnaryOp.Neg);

    /// <summary>In-place absolute value.</summary>
    public Tensor abs_() => Unary_(UnaryOp.Abs);

    /// <summary>In-place e^x.</summary>
    public Tensor exp_() => Unary_(UnaryOp.Exp);

    /// <summary>In-place ReLU.</summary>
    public Tensor relu_() => Unary_(UnaryOp.Relu);

    /// <summary>In-place sign.</summary>
    public Tensor sign_() => Unary_(UnaryOp.Sign);

    private Tensor Binary_(Tensor other, BinaryOp op, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeError.Check(Native.fu_binary_(Handle, other.Handle, (int)op, alpha));
        return this;
    }

    private Tensor Scalar_(double value, BinaryOp op)
    {
        NativeError.Check(Native.fu_binary_scalar_(Handle, value, 0, 0, (int)op));
        return this;
    }

    private Tensor Scalar_(long value, BinaryOp op)
    {
        NativeError.Check(Native.fu_binary_scalar_(Handle, value, value, 1, (int)op));
        return this;
    }

    private Tensor Init_(int kind, double a, double b)
    {
        NativeError.Check(Native.fu_init_(Handle, kind, a, b));
        return this;
    }
}
