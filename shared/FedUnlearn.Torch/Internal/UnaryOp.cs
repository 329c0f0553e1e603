namespace FedUnlearn.Torch.Internal;

/// <summary>Mirrors <c>fu::Unary</c> in native/src/ops.h (same order).</summary>
internal enum UnaryOp
{
    Neg, Exp, Log, Sqrt, Rsqrt, Abs, Relu, Gelu, GeluTanh, Tanh, Sigmoid, Square, Sign, Reciprocal,
    LogicalNot, IsFinite, Silu, Log1p, Sin, Cos, Floor, Ceil, Round, Erf, IsNan, Expm1,
}
