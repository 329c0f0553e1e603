// Operation codes shared with C# (FedUnlearn.Torch.Internal.*Op enums): one exported function per
// operation family keeps the ABI small; the switch costs nothing next to a libtorch dispatch.
#pragma once

#include <cstdint>

namespace fu {

enum class Unary : int32_t {
    Neg, Exp, Log, Sqrt, Rsqrt, Abs, Relu, Gelu, GeluTanh, Tanh, Sigmoid, Square, Sign, Reciprocal,
    LogicalNot, IsFinite, Silu, Log1p, Sin, Cos, Floor, Ceil, Round, Erf, IsNan, Expm1,
};

enum class Binary : int32_t {
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr,
    Remainder, Atan2, FloorDivide, LogicalXor,
    // Scalar-only: the scalar is the left operand.
    RSub = 32, RDiv, RPow,
};

enum class Reduce : int32_t { Sum, Mean, Amax, Amin, LogSumExp, Prod, All, Any, Norm, Var, Std };

}  // namespace fu
