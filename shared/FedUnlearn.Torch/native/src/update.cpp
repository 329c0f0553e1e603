// Ternary and masked updates used by optimizers and losses: addcmul/addcdiv, lerp, clamp, where,
// masked_fill, copy_. Functions with an `inplace` flag return the input handle itself when they
// update in place.
#include "shim.h"

FU_API int32_t fu_copy_(TensorHandle dst, TensorHandle src) { FU_STATUS_BODY(dst->copy_(*src)) }

// kind: 0 addcmul, 1 addcdiv (self + value * t1 {*,/} t2); in place when inplace != 0.
FU_API TensorHandle fu_addc(TensorHandle self, TensorHandle t1, TensorHandle t2, double value, int32_t kind, int32_t inplace) {
    try {
        if (inplace) {
            if (kind == 0) self->addcmul_(*t1, *t2, value); else self->addcdiv_(*t1, *t2, value);
            return self;
        }
        return fu::wrap(kind == 0 ? at::addcmul(*self, *t1, *t2, value) : at::addcdiv(*self, *t1, *t2, value));
    }
    FU_CATCH(nullptr)
}

// weight_tensor may be null, then the scalar weight is used.
FU_API TensorHandle fu_lerp(TensorHandle self, TensorHandle end, TensorHandle weight_tensor, double weight, int32_t inplace) {
    try {
        if (inplace) {
            if (weight_tensor) self->lerp_(*end, *weight_tensor); else self->lerp_(*end, weight);
            return self;
        }
        return fu::wrap(weight_tensor ? at::lerp(*self, *end, *weight_tensor) : at::lerp(*self, *end, weight));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_clamp(TensorHandle t, double min, int32_t has_min, double max, int32_t has_max, int32_t inplace) {
    try {
        auto lo = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
        auto hi = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
        if (inplace) { t->clamp_(lo, hi); return t; }
        return fu::wrap(at::clamp(*t, lo, hi));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_where(TensorHandle cond, TensorHandle a, TensorHandle b) { FU_TENSOR_BODY(at::where(*cond, *a, *b)) }

FU_API TensorHandle fu_masked_fill(TensorHandle t, TensorHandle mask, double value, int32_t inplace) {
    try {
        if (inplace) { t->masked_fill_(*mask, value); return t; }
        return fu::wrap(at::masked_fill(*t, *mask, value));
    }
    FU_CATCH(nullptr)
}
