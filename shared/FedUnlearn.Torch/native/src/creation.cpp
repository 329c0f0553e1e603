// Tensor creation: filled and random factories, ranges, *_like, in-place initialisers.
#include "shim.h"

namespace {
enum Fill : int32_t { Zeros = 0, Ones = 1, Empty = 2, Full = 3, Rand = 4, Randn = 5, Randint = 6 };

at::Tensor make(int32_t kind, at::IntArrayRef shape, double a, double b, const at::TensorOptions& o) {
    switch (kind) {
        case Zeros: return at::zeros(shape, o);
        case Ones: return at::ones(shape, o);
        case Empty: return at::empty(shape, o);
        case Full: return at::full(shape, a, o);
        case Rand: return at::rand(shape, o);
        case Randn: return at::randn(shape, o);
        case Randint: return at::randint(static_cast<int64_t>(a), static_cast<int64_t>(b), shape, o);
        default: TORCH_CHECK(false, "unknown fill kind ", kind);
    }
}

// ATen factories reject TensorOptions with requires_grad set; the flag is applied afterwards.
at::Tensor with_grad(at::Tensor t, bool requires_grad) {
    if (requires_grad) t.requires_grad_(true);
    return t;
}
}  // namespace

FU_API TensorHandle fu_create(int32_t kind, const int64_t* shape, int64_t ndim, double a, double b,
                              int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad) {
    FU_TENSOR_BODY(with_grad(make(kind, fu::dims(shape, ndim), a, b, fu::options(dtype, device_type, device_index)),
                             requires_grad != 0))
}

// dtype < 0 keeps the source's dtype; the device is always the source's.
FU_API TensorHandle fu_create_like(TensorHandle src, int32_t kind, double a, double b, int32_t dtype, int32_t requires_grad) {
    try {
        auto o = src->options().requires_grad(false);
        if (dtype >= 0) o = o.dtype(static_cast<at::ScalarType>(dtype));
        return fu::wrap(with_grad(make(kind, src->sizes(), a, b, o), requires_grad != 0));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                              int32_t device_index, int32_t requires_grad) {
    FU_TENSOR_BODY(with_grad(at::arange(start, end, step, fu::options(dtype, device_type, device_index)), requires_grad != 0))
}

FU_API TensorHandle fu_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t device_type, int32_t device_index) {
    FU_TENSOR_BODY(at::linspace(start, end, steps, fu::options(dtype, device_type, device_index)))
}

FU_API TensorHandle fu_randperm(int64_t n, int32_t dtype, int32_t device_type, int32_t device_index) {
    FU_TENSOR_BODY(at::randperm(n, fu::options(dtype, device_type, device_index)))
}

FU_API TensorHandle fu_eye(int64_t n, int64_t m, int32_t dtype, int32_t device_type, int32_t device_index) {
    FU_TENSOR_BODY(at::eye(n, m, fu::options(dtype, device_type, device_index)))
}

FU_API TensorHandle fu_multinomial(TensorHandle probs, int64_t samples, int32_t replacement) {
    FU_TENSOR_BODY(at::multinomial(*probs, samples, replacement != 0))
}

FU_API TensorHandle fu_bernoulli(TensorHandle probs) { FU_TENSOR_BODY(at::bernoulli(*probs)) }

// In-place initialisers for parameters; they run without recording autograd history.
namespace {
enum Init : int32_t { Uniform = 0, Normal = 1, FillValue = 2, Zero = 3 };
}

FU_API int32_t fu_init_(TensorHandle t, int32_t kind, double a, double b) {
    FU_STATUS_BODY({
        at::NoGradGuard no_grad;
        switch (kind) {
            case Uniform: t->uniform_(a, b); break;
            case Normal: t->normal_(a, b); break;
            case FillValue: t->fill_(a); break;
            case Zero: t->zero_(); break;
            default: TORCH_CHECK(false, "unknown init kind ", kind);
        }
    })
}
