// torch.nn.utils.clip_grad_norm_ as in PyTorch 1.13 (torch/nn/utils/clip_grad.py), the same ATen
// ops in the same order so the returned norm and the scaled gradients match PyTorch bit for bit.
#include "optim_state.h"

#include <cmath>
#include <limits>
#include <vector>

namespace {

double clip(const std::vector<at::Tensor>& grads, double max_norm, double norm_type, bool error_if_nonfinite) {
    if (grads.empty()) return 0.0;
    at::NoGradGuard no_grad;
    const auto device = grads[0].device();
    at::Tensor total;
    if (std::isinf(norm_type) && norm_type > 0) {
        std::vector<at::Tensor> norms;
        norms.reserve(grads.size());
        for (const auto& g : grads) norms.push_back(g.detach().abs().max().to(device));
        total = norms.size() == 1 ? norms[0] : at::max(at::stack(norms));
    } else {
        std::vector<at::Tensor> norms;
        norms.reserve(grads.size());
        for (const auto& g : grads) norms.push_back(at::norm(g.detach(), norm_type).to(device));
        total = at::norm(at::stack(norms), norm_type);
    }
    const double total_value = total.item<double>();
    TORCH_CHECK(!error_if_nonfinite || std::isfinite(total_value), "The total norm of order ", norm_type,
                " for gradients is non-finite, so it cannot be clipped. To scale the gradients by the "
                "non-finite norm anyway, pass errorIfNonfinite: false");
    auto coef = at::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0);
    for (const auto& g : grads) g.detach().mul_(coef.to(g.device()));
    return total_value;
}

}  // namespace

// Clips the gradients of n parameters (those without a gradient are skipped) to a total norm of
// max_norm; *total_norm receives the norm before clipping.
FU_API int32_t fu_clip_grad_norm(const TensorHandle* params, int64_t n, double max_norm, double norm_type,
                                 int32_t error_if_nonfinite, double* total_norm) {
    FU_STATUS_BODY({
        std::vector<at::Tensor> grads;
        grads.reserve(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            const auto& g = params[i]->grad();
            if (g.defined()) grads.push_back(g);
        }
        *total_norm = clip(grads, max_norm, norm_type, error_if_nonfinite != 0);
    })
}

// The same over an optimizer's parameters (no handle marshalling on the training hot path).
FU_API int32_t fu_optim_clip_grad_norm(fu::optim::State* s, double max_norm, double norm_type,
                                       int32_t error_if_nonfinite, double* total_norm) {
    FU_STATUS_BODY({
        std::vector<at::Tensor> grads;
        grads.reserve(s->params.size());
        for (const auto& p : s->params) {
            const auto& g = p.value.grad();
            if (g.defined()) grads.push_back(g);
        }
        *total_norm = clip(grads, max_norm, norm_type, error_if_nonfinite != 0);
    })
}
