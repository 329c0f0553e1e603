using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Elementwise functions of one tensor.</summary>
public sealed partial class Tensor
{
    /// <summary><c>-this</c>.</summary>
    public Tensor neg() => Unary(UnaryOp.Neg);

    /// <summary>e^x.</summary>
    public Tensor exp() => Unary(UnaryOp.Exp);

    /// <summary>Natural logarithm.</summary>
    public Tensor log() => Unary(UnaryOp.Log);

    /// <summary>log(1 + x), accurate near 0.</summary>
    public Tensor log1p() => Unary(UnaryOp.Log1p);

    /// <summary>e^x - 1, accurate near 0.</summary>
    public Tensor expm1() => Unary(UnaryOp.Expm1);

    /// <summary>Square root.</summary>
    public Tensor sqrt() => Unary(UnaryOp.Sqrt);

    /// <summary>1 / sqrt(x).</summary>
    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);

    /// <summary>x².</summary>
    public Tensor square() => Unary(UnaryOp.Square);

    /// <summary>|x|.</summary>
    public Tensor abs() => Unary(UnaryOp.Abs);

    /// <summary>-1, 0 or 1.</summary>
    public Tensor sign() => Unary(UnaryOp.Sign);

    /// <summary>1 / x.</summary>
    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);

    /// <summary>Sine.</summary>
    public Tensor sin() => Unary(UnaryOp.Sin);

    /// <summary>Cosine.</summary>
    public Tensor cos() => Unary(UnaryOp.Cos);

    /// <summary>Gauss error function.</summary>
    public Tensor erf() => Unary(UnaryOp.Erf);

    /// <summary>Rounds down.</summary>
    public Tensor floor() => Unary(UnaryOp.Floor);

    /// <summary>Rounds up.</summary>
    public Tensor ceil() => Unary(UnaryOp.Ceil);

    /// <summary>Rounds half to even.</summary>
    public Tensor round() => Unary(UnaryOp.Round);

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor tanh() => Unary(UnaryOp.Tanh);

    /// <summary>Logistic sigmoid.</summary>
    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);

    /// <summary>max(x, 0).</summary>
    public Tensor relu() => Unary(UnaryOp.Relu);

    /// <summary>x · sigmoid(x).</summary>
    public Tensor silu() => Unary(UnaryOp.Silu);

    /// <summary>GELU, exact (erf) or with the tanh approximation.</summary>
    public Tensor gelu(bool tanhApproximation = false) => Unary(tanhApproximation ? UnaryOp.GeluTanh : UnaryOp.Gelu);

    /// <summary>Boolean NOT (non-zero is true).</summary>
    public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

    /// <summary>True where the element is neither infinite nor NaN.</summary>
    public Tensor isfinite() => Unary(UnaryOp.IsFinite);

    /// <summary>True where the element is NaN.</summary>
    public Tensor isnan() => Unary(UnaryOp.IsNan);

    private Tensor Unary(UnaryOp op) => Wrap(Native.fu_unary(Handle, (int)op));

    private Tensor Unary_(UnaryOp op)
    {
        NativeError.Check(Native.fu_unary_(Handle, (int)op));
        return this;
    }
}
