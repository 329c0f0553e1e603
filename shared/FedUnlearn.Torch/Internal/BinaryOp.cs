namespace FedUnlearn.Torch.Internal;

/// <summary>Mirrors <c>fu::Binary</c> in native/src/ops.h (same values).</summary>
internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr,
    Remainder, Atan2, FloorDivide, LogicalXor,

    // Scalar-only: the scalar is the left operand.
    RSub = 32, RDiv, RPow,
}
