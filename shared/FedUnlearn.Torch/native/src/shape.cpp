// Views, reshapes, joins and index-based selection.
#include "shim.h"

#include <vector>

namespace {
std::vector<at::Tensor> list(const TensorHandle* handles, int64_t count) {
    std::vector<at::Tensor> tensors;
    tensors.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) tensors.push_back(*handles[i]);
    return tensors;
}
}  // namespace

FU_API TensorHandle fu_reshape(TensorHandle t, const int64_t* shape, int64_t n) { FU_TENSOR_BODY(t->reshape(fu::dims(shape, n))) }
FU_API TensorHandle fu_view(TensorHandle t, const int64_t* shape, int64_t n) { FU_TENSOR_BODY(t->view(fu::dims(shape, n))) }
FU_API TensorHandle fu_permute(TensorHandle t, const int64_t* dims, int64_t n) { FU_TENSOR_BODY(t->permute(fu::dims(dims, n))) }
FU_API TensorHandle fu_expand(TensorHandle t, const int64_t* shape, int64_t n) { FU_TENSOR_BODY(t->expand(fu::dims(shape, n))) }
FU_API TensorHandle fu_repeat(TensorHandle t, const int64_t* repeats, int64_t n) { FU_TENSOR_BODY(t->repeat(fu::dims(repeats, n))) }
FU_API TensorHandle fu_flip(TensorHandle t, const int64_t* dims, int64_t n) { FU_TENSOR_BODY(t->flip(fu::dims(dims, n))) }
FU_API TensorHandle fu_transpose(TensorHandle t, int64_t d0, int64_t d1) { FU_TENSOR_BODY(t->transpose(d0, d1)) }
FU_API TensorHandle fu_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length) { FU_TENSOR_BODY(t->narrow(dim, start, length)) }
FU_API TensorHandle fu_select(TensorHandle t, int64_t dim, int64_t index) { FU_TENSOR_BODY(t->select(dim, index)) }
FU_API TensorHandle fu_unsqueeze(TensorHandle t, int64_t dim) { FU_TENSOR_BODY(t->unsqueeze(dim)) }
FU_API TensorHandle fu_flatten(TensorHandle t, int64_t start, int64_t end) { FU_TENSOR_BODY(t->flatten(start, end)) }
FU_API TensorHandle fu_contiguous(TensorHandle t) { FU_TENSOR_BODY(t->contiguous()) }
FU_API TensorHandle fu_clone(TensorHandle t) { FU_TENSOR_BODY(t->clone()) }
FU_API TensorHandle fu_tril(TensorHandle t, int64_t diagonal, int32_t upper) { FU_TENSOR_BODY(upper ? t->triu(diagonal) : t->tril(diagonal)) }

FU_API TensorHandle fu_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int64_t step) {
    FU_TENSOR_BODY(t->slice(dim, start, end, step))
}

// has_dim == 0 removes every size-1 dim.
FU_API TensorHandle fu_squeeze(TensorHandle t, int64_t dim, int32_t has_dim) { FU_TENSOR_BODY(has_dim ? t->squeeze(dim) : t->squeeze()) }

FU_API TensorHandle fu_cat(const TensorHandle* tensors, int64_t count, int64_t dim, int32_t stack) {
    FU_TENSOR_BODY(stack ? at::stack(list(tensors, count), dim) : at::cat(list(tensors, count), dim))
}

FU_API TensorHandle fu_index_select(TensorHandle t, int64_t dim, TensorHandle index) { FU_TENSOR_BODY(at::index_select(*t, dim, *index)) }
FU_API TensorHandle fu_gather(TensorHandle t, int64_t dim, TensorHandle index) { FU_TENSOR_BODY(at::gather(*t, dim, *index)) }
FU_API TensorHandle fu_masked_select(TensorHandle t, TensorHandle mask) { FU_TENSOR_BODY(at::masked_select(*t, *mask)) }

// add != 0: scatter_add; inplace != 0 returns the input handle.
FU_API TensorHandle fu_scatter(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src, int32_t add, int32_t inplace) {
    try {
        if (inplace) {
            if (add) t->scatter_add_(dim, *index, *src); else t->scatter_(dim, *index, *src);
            return t;
        }
        return fu::wrap(add ? at::scatter_add(*t, dim, *index, *src) : at::scatter(*t, dim, *index, *src));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_index_add(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle src, double alpha, int32_t inplace) {
    try {
        if (inplace) { t->index_add_(dim, *index, *src, alpha); return t; }
        return fu::wrap(at::index_add(*t, dim, *index, *src, alpha));
    }
    FU_CATCH(nullptr)
}
