// Autograd: gradient mode, backward, .grad, requires_grad, torch.autograd.grad.
#include "shim.h"

#include <torch/csrc/autograd/autograd.h>

#include <vector>

FU_API int32_t fu_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// Thread-local, as in libtorch; returns the previous mode so C# scopes can restore it.
FU_API int32_t fu_set_grad_enabled(int32_t enabled) {
    bool previous = at::GradMode::is_enabled();
    at::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
}

FU_API int32_t fu_requires_grad(TensorHandle t) { return t->requires_grad() ? 1 : 0; }

FU_API int32_t fu_set_requires_grad(TensorHandle t, int32_t value) { FU_STATUS_BODY(t->requires_grad_(value != 0)) }

FU_API int32_t fu_is_leaf(TensorHandle t) { return t->is_leaf() ? 1 : 0; }

FU_API int32_t fu_has_grad_fn(TensorHandle t) { return t->grad_fn() ? 1 : 0; }

FU_API TensorHandle fu_detach(TensorHandle t) { FU_TENSOR_BODY(t->detach()) }

FU_API int32_t fu_retain_grad(TensorHandle t) { FU_STATUS_BODY(t->retain_grad()) }

// gradient may be null (then the output must be a scalar).
FU_API int32_t fu_backward(TensorHandle t, TensorHandle gradient, int32_t retain_graph, int32_t create_graph) {
    FU_STATUS_BODY({
        auto g = gradient ? *gradient : at::Tensor();
        t->backward(g, retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0);
    })
}

// *out is null when the tensor has no gradient yet.
FU_API int32_t fu_grad(TensorHandle t, TensorHandle* out) {
    FU_STATUS_BODY({
        const auto& g = t->grad();
        *out = g.defined() ? fu::wrap(g) : nullptr;
    })
}

// grad may be null: clears the gradient (set_to_none, as PyTorch's zero_grad does by default).
FU_API int32_t fu_set_grad(TensorHandle t, TensorHandle grad) {
    FU_STATUS_BODY(t->mutable_grad() = grad ? *grad : at::Tensor())
}

// torch.autograd.grad: outputs[n_out] (grad_outputs optional, entries may be null), inputs[n_in];
// writes n_in handles (null where an input is unused and allow_unused is set).
FU_API int32_t fu_autograd_grad(const TensorHandle* outputs, const TensorHandle* grad_outputs, int64_t n_out,
                                const TensorHandle* inputs, int64_t n_in, int32_t retain_graph, int32_t create_graph,
                                int32_t allow_unused, TensorHandle* results) {
    FU_STATUS_BODY({
        std::vector<at::Tensor> outs, gouts, ins;
        for (int64_t i = 0; i < n_out; ++i) {
            outs.push_back(*outputs[i]);
            gouts.push_back(grad_outputs && grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
        }
        for (int64_t i = 0; i < n_in; ++i) ins.push_back(*inputs[i]);
        auto retain = retain_graph ? c10::optional<bool>(true) : c10::nullopt;
        auto grads = torch::autograd::grad(outs, ins, gouts, retain, create_graph != 0, allow_unused != 0);
        for (int64_t i = 0; i < n_in; ++i) results[i] = grads[i].defined() ? fu::wrap(std::move(grads[i])) : nullptr;
    })
}
