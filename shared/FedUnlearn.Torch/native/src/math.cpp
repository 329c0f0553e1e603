// Elementwise math with broadcasting (out of place and in place), matmul.
#include "shim.h"
#include "ops.h"

#include <cmath>

using fu::Binary;
using fu::Unary;

namespace {
at::Tensor unary(const at::Tensor& t, Unary op) {
    switch (op) {
        case Unary::Neg: return at::neg(t);
        case Unary::Exp: return at::exp(t);
        case Unary::Log: return at::log(t);
        case Unary::Sqrt: return at::sqrt(t);
        case Unary::Rsqrt: return at::rsqrt(t);
        case Unary::Abs: return at::abs(t);
        case Unary::Relu: return at::relu(t);
        case Unary::Gelu: return at::gelu(t);
        case Unary::GeluTanh: return at::gelu(t, "tanh");
        case Unary::Tanh: return at::tanh(t);
        case Unary::Sigmoid: return at::sigmoid(t);
        case Unary::Square: return at::square(t);
        case Unary::Sign: return at::sign(t);
        case Unary::Reciprocal: return at::reciprocal(t);
        case Unary::LogicalNot: return at::logical_not(t);
        case Unary::IsFinite: return at::isfinite(t);
        case Unary::Silu: return at::silu(t);
        case Unary::Log1p: return at::log1p(t);
        case Unary::Sin: return at::sin(t);
        case Unary::Cos: return at::cos(t);
        case Unary::Floor: return at::floor(t);
        case Unary::Ceil: return at::ceil(t);
        case Unary::Round: return at::round(t);
        case Unary::Erf: return at::erf(t);
        case Unary::IsNan: return at::isnan(t);
        case Unary::Expm1: return at::expm1(t);
    }
    TORCH_CHECK(false, "unknown unary op ", static_cast<int32_t>(op));
}

void unary_(at::Tensor& t, Unary op) {
    switch (op) {
        case Unary::Neg: t.neg_(); return;
        case Unary::Exp: t.exp_(); return;
        case Unary::Log: t.log_(); return;
        case Unary::Sqrt: t.sqrt_(); return;
        case Unary::Rsqrt: t.rsqrt_(); return;
        case Unary::Abs: t.abs_(); return;
        case Unary::Relu: t.relu_(); return;
        case Unary::Tanh: t.tanh_(); return;
        case Unary::Sigmoid: t.sigmoid_(); return;
        case Unary::Sign: t.sign_(); return;
        case Unary::Reciprocal: t.reciprocal_(); return;
        default: t.copy_(unary(t, op)); return;
    }
}

// An integral alpha travels as an integer Scalar: libtorch rejects a floating alpha for integer
// tensors (int64 add with the default alpha = 1 would fail), while float tensors accept either.
at::Scalar alpha_scalar(double alpha) {
    if (std::nearbyint(alpha) == alpha && std::fabs(alpha) < 9007199254740992.0)
        return at::Scalar(static_cast<int64_t>(alpha));
    return at::Scalar(alpha);
}

at::Tensor binary(const at::Tensor& a, const at::Tensor& b, Binary op, const at::Scalar& alpha) {
    switch (op) {
        case Binary::Add: return at::add(a, b, alpha);
        case Binary::Sub: return at::sub(a, b, alpha);
        case Binary::Mul: return at::mul(a, b);
        case Binary::Div: return at::div(a, b);
        case Binary::Pow: return at::pow(a, b);
        case Binary::Maximum: return at::maximum(a, b);
        case Binary::Minimum: return at::minimum(a, b);
        case Binary::Eq: return at::eq(a, b);
        case Binary::Ne: return at::ne(a, b);
        case Binary::Lt: return at::lt(a, b);
        case Binary::Le: return at::le(a, b);
        case Binary::Gt: return at::gt(a, b);
        case Binary::Ge: return at::ge(a, b);
        case Binary::LogicalAnd: return at::logical_and(a, b);
        case Binary::LogicalOr: return at::logical_or(a, b);
        case Binary::Remainder: return at::remainder(a, b);
        case Binary::Atan2: return at::atan2(a, b);
        case Binary::FloorDivide: return at::div(a, b, "floor");
        case Binary::LogicalXor: return at::logical_xor(a, b);
        default: break;
    }
    TORCH_CHECK(false, "binary op ", static_cast<int32_t>(op), " does not take two tensors");
}

at::Tensor binary_scalar(const at::Tensor& a, const at::Scalar& s, Binary op) {
    switch (op) {
        case Binary::Add: return at::add(a, s);
        case Binary::Sub: return at::sub(a, s);
        case Binary::Mul: return at::mul(a, s);
        case Binary::Div: return at::div(a, s);
        case Binary::Pow: return at::pow(a, s);
        case Binary::Maximum: return at::clamp_min(a, s);
        case Binary::Minimum: return at::clamp_max(a, s);
        case Binary::Eq: return at::eq(a, s);
        case Binary::Ne: return at::ne(a, s);
        case Binary::Lt: return at::lt(a, s);
        case Binary::Le: return at::le(a, s);
        case Binary::Gt: return at::gt(a, s);
        case Binary::Ge: return at::ge(a, s);
        case Binary::Remainder: return at::remainder(a, s);
        case Binary::FloorDivide: return at::floor_divide(a, s);
        case Binary::RSub: return at::rsub(a, s);
        case Binary::RDiv: return at::mul(at::reciprocal(a), s);
        case Binary::RPow: return at::pow(s, a);
        default: break;
    }
    TORCH_CHECK(false, "binary op ", static_cast<int32_t>(op), " does not take a scalar");
}
}  // namespace

FU_API TensorHandle fu_unary(TensorHandle t, int32_t op) { FU_TENSOR_BODY(unary(*t, static_cast<Unary>(op))) }

FU_API int32_t fu_unary_(TensorHandle t, int32_t op) { FU_STATUS_BODY(unary_(*t, static_cast<Unary>(op))) }

FU_API TensorHandle fu_binary(TensorHandle a, TensorHandle b, int32_t op, double alpha) {
    FU_TENSOR_BODY(binary(*a, *b, static_cast<Binary>(op), alpha_scalar(alpha)))
}

FU_API TensorHandle fu_binary_scalar(TensorHandle a, double s, int64_t i, int32_t is_int, int32_t op) {
    FU_TENSOR_BODY(binary_scalar(*a, fu::scalar(s, i, is_int), static_cast<Binary>(op)))
}

FU_API int32_t fu_binary_(TensorHandle a, TensorHandle b, int32_t op, double alpha) {
    FU_STATUS_BODY({
        switch (static_cast<Binary>(op)) {
            case Binary::Add: a->add_(*b, alpha_scalar(alpha)); break;
            case Binary::Sub: a->sub_(*b, alpha_scalar(alpha)); break;
            case Binary::Mul: a->mul_(*b); break;
            case Binary::Div: a->div_(*b); break;
            default: a->copy_(binary(*a, *b, static_cast<Binary>(op), alpha_scalar(alpha))); break;
        }
    })
}

FU_API int32_t fu_binary_scalar_(TensorHandle a, double s, int64_t i, int32_t is_int, int32_t op) {
    FU_STATUS_BODY({
        auto v = fu::scalar(s, i, is_int);
        switch (static_cast<Binary>(op)) {
            case Binary::Add: a->add_(v); break;
            case Binary::Sub: a->sub_(v); break;
            case Binary::Mul: a->mul_(v); break;
            case Binary::Div: a->div_(v); break;
            case Binary::Pow: a->pow_(v); break;
            case Binary::Maximum: a->clamp_min_(v); break;
            case Binary::Minimum: a->clamp_max_(v); break;
            default: a->copy_(binary_scalar(*a, v, static_cast<Binary>(op))); break;
        }
    })
}

// kind: 0 matmul (broadcasting), 1 mm, 2 bmm, 3 outer.
FU_API TensorHandle fu_matmul(TensorHandle a, TensorHandle b, int32_t kind) {
    try {
        switch (kind) {
            case 0: return fu::wrap(at::matmul(*a, *b));
            case 1: return fu::wrap(at::mm(*a, *b));
            case 2: return fu::wrap(at::bmm(*a, *b));
            case 3: return fu::wrap(at::outer(*a, *b));
        }
        TORCH_CHECK(false, "unknown matmul kind ", kind);
    }
    FU_CATCH(nullptr)
}
