// Reductions over all elements or chosen dims, and the value+index family (max, min, topk, sort).
#include "shim.h"
#include "ops.h"

using fu::Reduce;

namespace {
at::Tensor reduce_all(const at::Tensor& t, Reduce op, double p) {
    switch (op) {
        case Reduce::Sum: return at::sum(t);
        case Reduce::Mean: return at::mean(t);
        case Reduce::Amax: return at::max(t);
        case Reduce::Amin: return at::min(t);
        case Reduce::LogSumExp: return at::logsumexp(t.reshape({-1}), {0});
        case Reduce::Prod: return at::prod(t);
        case Reduce::All: return at::all(t);
        case Reduce::Any: return at::any(t);
        case Reduce::Norm: return at::norm(t, p);
        case Reduce::Var: return at::var(t, c10::nullopt, static_cast<int64_t>(p), false);
        case Reduce::Std: return at::std(t, c10::nullopt, static_cast<int64_t>(p), false);
    }
    TORCH_CHECK(false, "unknown reduction ", static_cast<int32_t>(op));
}

at::Tensor reduce_dims(const at::Tensor& t, Reduce op, at::IntArrayRef dims, bool keep, double p) {
    TORCH_CHECK(!dims.empty(), "reduction needs at least one dim");
    switch (op) {
        case Reduce::Sum: return at::sum(t, dims, keep);
        case Reduce::Mean: return at::mean(t, dims, keep);
        case Reduce::Amax: return at::amax(t, dims, keep);
        case Reduce::Amin: return at::amin(t, dims, keep);
        case Reduce::LogSumExp: return at::logsumexp(t, dims, keep);
        case Reduce::Norm: return at::norm(t, p, dims, keep);
        case Reduce::Var: return at::var(t, dims, static_cast<int64_t>(p), keep);
        case Reduce::Std: return at::std(t, dims, static_cast<int64_t>(p), keep);
        case Reduce::Prod:
        case Reduce::All:
        case Reduce::Any: {
            TORCH_CHECK(dims.size() == 1, "prod/all/any reduce one dim at a time");
            if (op == Reduce::Prod) return at::prod(t, dims[0], keep);
            return op == Reduce::All ? at::all(t, dims[0], keep) : at::any(t, dims[0], keep);
        }
    }
    TORCH_CHECK(false, "unknown reduction ", static_cast<int32_t>(op));
}
}  // namespace

// ndim < 0: reduce every element to a 0-d tensor. p: the norm's order, or var/std's correction.
FU_API TensorHandle fu_reduce(TensorHandle t, int32_t op, const int64_t* dims, int64_t ndim, int32_t keepdim, double p) {
    FU_TENSOR_BODY(ndim < 0 ? reduce_all(*t, static_cast<Reduce>(op), p)
                            : reduce_dims(*t, static_cast<Reduce>(op), fu::dims(dims, ndim), keepdim != 0, p))
}

// kind: 0 max, 1 min, 2 sort (keepdim = descending), 3 median.
FU_API int32_t fu_values_indices(TensorHandle t, int32_t kind, int64_t dim, int32_t flag, TensorHandle* values, TensorHandle* indices) {
    FU_STATUS_BODY({
        std::tuple<at::Tensor, at::Tensor> r;
        switch (kind) {
            case 0: r = at::max(*t, dim, flag != 0); break;
            case 1: r = at::min(*t, dim, flag != 0); break;
            case 2: r = at::sort(*t, dim, flag != 0); break;
            case 3: r = at::median(*t, dim, flag != 0); break;
            default: TORCH_CHECK(false, "unknown values/indices kind ", kind);
        }
        *values = fu::wrap(std::move(std::get<0>(r)));
        *indices = fu::wrap(std::move(std::get<1>(r)));
    })
}

FU_API int32_t fu_topk(TensorHandle t, int64_t k, int64_t dim, int32_t largest, TensorHandle* values, TensorHandle* indices) {
    FU_STATUS_BODY({
        auto r = at::topk(*t, k, dim, largest != 0, true);
        *values = fu::wrap(std::move(std::get<0>(r)));
        *indices = fu::wrap(std::move(std::get<1>(r)));
    })
}

// kind: 0 argmax, 1 argmin; has_dim == 0 flattens first.
FU_API TensorHandle fu_argext(TensorHandle t, int32_t kind, int64_t dim, int32_t has_dim, int32_t keepdim) {
    try {
        auto d = has_dim ? c10::optional<int64_t>(dim) : c10::nullopt;
        return fu::wrap(kind == 0 ? at::argmax(*t, d, keepdim != 0) : at::argmin(*t, d, keepdim != 0));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_cumsum(TensorHandle t, int64_t dim) { FU_TENSOR_BODY(at::cumsum(*t, dim)) }
