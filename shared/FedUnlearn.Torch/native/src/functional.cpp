// torch.nn.functional: layers without state, activations over a dim, losses, attention.
#include "shim.h"

#include <limits>

FU_API TensorHandle fu_linear(TensorHandle x, TensorHandle w, TensorHandle b) { FU_TENSOR_BODY(at::linear(*x, *w, fu::optional(b))) }

// params: stride[2], padding[2], dilation[2].
FU_API TensorHandle fu_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, const int64_t* params, int64_t groups) {
    FU_TENSOR_BODY(at::conv2d(*x, *w, fu::optional(b), fu::dims(params, 2), fu::dims(params + 2, 2), fu::dims(params + 4, 2), groups))
}

// kind: 0 max, 1 avg. params: kernel[2], stride[2], padding[2].
FU_API TensorHandle fu_pool2d(TensorHandle x, int32_t kind, const int64_t* params, int32_t ceil_mode) {
    FU_TENSOR_BODY(kind == 0 ? at::max_pool2d(*x, fu::dims(params, 2), fu::dims(params + 2, 2), fu::dims(params + 4, 2), {1, 1}, ceil_mode != 0)
                             : at::avg_pool2d(*x, fu::dims(params, 2), fu::dims(params + 2, 2), fu::dims(params + 4, 2), ceil_mode != 0))
}

FU_API TensorHandle fu_adaptive_avg_pool2d(TensorHandle x, int64_t h, int64_t w) { FU_TENSOR_BODY(at::adaptive_avg_pool2d(*x, {h, w})) }

FU_API TensorHandle fu_layer_norm(TensorHandle x, const int64_t* shape, int64_t n, TensorHandle w, TensorHandle b, double eps) {
    FU_TENSOR_BODY(at::layer_norm(*x, fu::dims(shape, n), fu::optional(w), fu::optional(b), eps))
}

FU_API TensorHandle fu_dropout(TensorHandle x, double p, int32_t train) { FU_TENSOR_BODY(at::dropout(*x, p, train != 0)) }

FU_API TensorHandle fu_embedding(TensorHandle weight, TensorHandle indices, int64_t padding_idx) {
    FU_TENSOR_BODY(at::embedding(*weight, *indices, padding_idx))
}

FU_API TensorHandle fu_one_hot(TensorHandle t, int64_t classes) { FU_TENSOR_BODY(at::one_hot(*t, classes)) }

FU_API TensorHandle fu_softmax(TensorHandle x, int64_t dim, int32_t log) {
    FU_TENSOR_BODY(log ? at::log_softmax(*x, dim) : at::softmax(*x, dim))
}

FU_API TensorHandle fu_cosine_similarity(TensorHandle a, TensorHandle b, int64_t dim, double eps) {
    FU_TENSOR_BODY(at::cosine_similarity(*a, *b, dim, eps))
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction).
FU_API TensorHandle fu_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, int64_t reduction,
                                     int64_t ignore_index, double label_smoothing) {
    FU_TENSOR_BODY(at::cross_entropy_loss(*logits, *target, fu::optional(weight), reduction, ignore_index, label_smoothing))
}

FU_API TensorHandle fu_nll_loss(TensorHandle logp, TensorHandle target, TensorHandle weight, int64_t reduction, int64_t ignore_index) {
    FU_TENSOR_BODY(at::nll_loss_nd(*logp, *target, fu::optional(weight), reduction, ignore_index))
}

// kind: 0 mse, 1 l1, 2 kl_div (input log-probabilities; flag = log_target), 3 bce with logits.
FU_API TensorHandle fu_pair_loss(TensorHandle input, TensorHandle target, int32_t kind, int64_t reduction, int32_t flag) {
    try {
        switch (kind) {
            case 0: return fu::wrap(at::mse_loss(*input, *target, reduction));
            case 1: return fu::wrap(at::l1_loss(*input, *target, reduction));
            case 2: return fu::wrap(at::kl_div(*input, *target, reduction, flag != 0));
            case 3: return fu::wrap(at::binary_cross_entropy_with_logits(*input, *target, c10::nullopt, c10::nullopt, reduction));
        }
        TORCH_CHECK(false, "unknown loss kind ", kind);
    }
    FU_CATCH(nullptr)
}

// softmax(q·kᵀ·scale + mask)·v over the last two dims. libtorch 1.13 has no public fused kernel, so
// this is the reference composition. mask: bool (true = attend) or float (added); scale <= 0 means
// 1/sqrt(head dim).
FU_API TensorHandle fu_sdpa(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle mask, double dropout_p,
                            int32_t is_causal, double scale) {
    try {
        TORCH_CHECK(q->dim() >= 2 && k->dim() >= 2 && v->dim() >= 2, "attention needs q, k, v with at least 2 dims");
        TORCH_CHECK(!(is_causal && mask), "pass either an attention mask or is_causal, not both");
        double s = scale > 0 ? scale : 1.0 / std::sqrt(static_cast<double>(q->size(-1)));
        auto scores = at::matmul(*q, k->transpose(-2, -1)).mul(s);
        const double neg_inf = -std::numeric_limits<double>::infinity();
        if (is_causal) {
            auto keep = at::ones({q->size(-2), k->size(-2)}, q->options().dtype(at::kBool).requires_grad(false)).tril();
            scores = scores.masked_fill(keep.logical_not(), neg_inf);
        } else if (mask) {
            scores = mask->scalar_type() == at::kBool ? scores.masked_fill(mask->logical_not(), neg_inf) : scores.add(*mask);
        }
        auto attn = at::softmax(scores, -1);
        if (dropout_p > 0) attn = at::dropout(attn, dropout_p, true);
        return fu::wrap(at::matmul(attn, *v));
    }
    FU_CATCH(nullptr)
}

// running_mean/var may be null (then batch statistics are always used); they are updated in place
// when training.
FU_API TensorHandle fu_batch_norm(TensorHandle x, TensorHandle w, TensorHandle b, TensorHandle running_mean,
                                  TensorHandle running_var, int32_t training, double momentum, double eps) {
    FU_TENSOR_BODY(at::batch_norm(*x, fu::optional(w), fu::optional(b), fu::optional(running_mean), fu::optional(running_var),
                                  training != 0, momentum, eps, /*cudnn_enabled=*/true))
}

FU_API TensorHandle fu_group_norm(TensorHandle x, int64_t groups, TensorHandle w, TensorHandle b, double eps) {
    FU_TENSOR_BODY(at::group_norm(*x, groups, fu::optional(w), fu::optional(b), eps))
}
