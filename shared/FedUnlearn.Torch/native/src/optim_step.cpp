// Update rules of SGD, Adam and AdamW, following PyTorch 1.13's single-tensor implementations
// (torch/optim/{sgd,adam,adamw}.py) operation by operation, so trajectories match PyTorch's.
//
// Fast path: CPU, float32/float64, contiguous parameter, gradient and state: one fused loop per
// parameter (a single pass over memory instead of five to eight ATen calls, each with dispatch
// overhead that dominates for LoRA-sized tensors). Every other case (CUDA, half types, strided)
// runs the same sequence of ATen ops PyTorch runs.
#include "optim_state.h"

#include <cmath>

namespace fu::optim {
namespace {

bool fusable(const at::Tensor& p, const at::Tensor& grad) {
    return p.device().is_cpu() && grad.device().is_cpu() && p.scalar_type() == grad.scalar_type() &&
           (p.scalar_type() == at::kFloat || p.scalar_type() == at::kDouble) && p.is_contiguous() &&
           grad.is_contiguous() && p.sizes() == grad.sizes();
}

at::Tensor zeros_state(const at::Tensor& p) { return at::zeros_like(p, at::MemoryFormat::Contiguous); }

// Scalars are rounded to the tensor's type first, as ATen's CPU kernels do with Python numbers.
template <typename T>
void sgd_kernel(Param& p, const at::Tensor& grad, const GroupArgs& g, bool first) {
    const int64_t n = p.value.numel();
    T* w = p.value.data_ptr<T>();
    const T* gr = grad.data_ptr<T>();
    const T wd = static_cast<T>(g.weight_decay), mom = static_cast<T>(g.momentum);
    const T keep = static_cast<T>(1.0 - g.dampening), neg_lr = static_cast<T>(-g.lr);
    const bool maximize = g.flags & kMaximize, nesterov = g.flags & kNesterov;
    const bool use_wd = g.weight_decay != 0, use_mom = g.momentum != 0;
    T* buf = use_mom ? p.s0.data_ptr<T>() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
        T d = maximize ? -gr[i] : gr[i];
        if (use_wd) d = d + wd * w[i];
        if (use_mom) {
            T b = first ? d : buf[i] * mom + keep * d;
            buf[i] = b;
            d = nesterov ? d + mom * b : b;
        }
        w[i] = w[i] + neg_lr * d;
    }
}

template <typename T>
void adam_kernel(Param& p, const at::Tensor& grad, const GroupArgs& g, bool decoupled, double step_size, double bc2_sqrt) {
    const int64_t n = p.value.numel();
    T* w = p.value.data_ptr<T>();
    const T* gr = grad.data_ptr<T>();
    T* m = p.s0.data_ptr<T>();
    T* v = p.s1.data_ptr<T>();
    T* vmax = (g.flags & kAmsgrad) ? p.s2.data_ptr<T>() : nullptr;
    const T b1 = static_cast<T>(g.beta1), ob1 = static_cast<T>(1.0 - g.beta1);
    const T b2 = static_cast<T>(g.beta2), ob2 = static_cast<T>(1.0 - g.beta2);
    const T wd = static_cast<T>(g.weight_decay), decay = static_cast<T>(1.0 - g.lr * g.weight_decay);
    const T eps = static_cast<T>(g.eps), bc2s = static_cast<T>(bc2_sqrt), neg_step = static_cast<T>(-step_size);
    const bool maximize = g.flags & kMaximize, coupled_wd = !decoupled && g.weight_decay != 0;
    const bool decay_w = decoupled && g.weight_decay != 0;
    for (int64_t i = 0; i < n; ++i) {
        T gi = maximize ? -gr[i] : gr[i];
        if (coupled_wd) gi = gi + wd * w[i];
        if (decay_w) w[i] = w[i] * decay;
        const T mi = m[i] * b1 + ob1 * gi;
        const T vi = v[i] * b2 + ob2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        T second = vi;
        if (vmax) {
            second = vmax[i] > vi ? vmax[i] : vi;
            vmax[i] = second;
        }
        const T denom = std::sqrt(second) / bc2s + eps;
        w[i] = w[i] + neg_step * mi / denom;
    }
}

void sgd_generic(Param& p, const at::Tensor& grad, const GroupArgs& g) {
    auto d = (g.flags & kMaximize) ? -grad : grad;
    if (g.weight_decay != 0) d = d.add(p.value, g.weight_decay);
    if (g.momentum != 0) {
        if (!p.s0.defined()) {
            p.s0 = d.clone().detach();
        } else {
            p.s0.mul_(g.momentum).add_(d, 1 - g.dampening);
        }
        d = (g.flags & kNesterov) ? d.add(p.s0, g.momentum) : p.s0;
    }
    p.value.add_(d, -g.lr);
}

void adam_generic(Param& p, const at::Tensor& grad_in, const GroupArgs& g, bool decoupled, double step_size, double bc2_sqrt) {
    auto grad = (g.flags & kMaximize) ? -grad_in : grad_in;
    if (decoupled) {
        p.value.mul_(1 - g.lr * g.weight_decay);
    } else if (g.weight_decay != 0) {
        grad = grad.add(p.value, g.weight_decay);
    }
    p.s0.mul_(g.beta1).add_(grad, 1 - g.beta1);
    p.s1.mul_(g.beta2).addcmul_(grad, grad, 1 - g.beta2);
    at::Tensor denom;
    if (g.flags & kAmsgrad) {
        at::maximum_out(p.s2, p.s2, p.s1);
        denom = (p.s2.sqrt() / bc2_sqrt).add_(g.eps);
    } else {
        denom = (p.s1.sqrt() / bc2_sqrt).add_(g.eps);
    }
    p.value.addcdiv_(p.s0, denom, -step_size);
}

}  // namespace

void step_sgd(Param& p, const at::Tensor& grad, const GroupArgs& g) {
    if (!fusable(p.value, grad)) {
        sgd_generic(p, grad, g);
        return;
    }
    const bool first = g.momentum != 0 && !p.s0.defined();
    if (first) p.s0 = at::empty_like(p.value, at::MemoryFormat::Contiguous);
    if (p.value.scalar_type() == at::kFloat) sgd_kernel<float>(p, grad, g, first);
    else sgd_kernel<double>(p, grad, g, first);
}

void step_adam(Param& p, const at::Tensor& grad, const GroupArgs& g, bool decoupled) {
    if (!p.s0.defined()) {
        p.s0 = zeros_state(p.value);
        p.s1 = zeros_state(p.value);
        if (g.flags & kAmsgrad) p.s2 = zeros_state(p.value);
    }
    TORCH_CHECK(!(g.flags & kAmsgrad) || p.s2.defined(), "amsgrad was switched on after the first step");
    // PyTorch computes these in Python floats (double) from a float32 step count.
    const double step = static_cast<double>(static_cast<float>(p.step));
    const double bc1 = 1 - std::pow(g.beta1, step);
    const double bc2 = 1 - std::pow(g.beta2, step);
    const double step_size = g.lr / bc1;
    const double bc2_sqrt = std::sqrt(bc2);
    if (!fusable(p.value, grad)) {
        adam_generic(p, grad, g, decoupled, step_size, bc2_sqrt);
    } else if (p.value.scalar_type() == at::kFloat) {
        adam_kernel<float>(p, grad, g, decoupled, step_size, bc2_sqrt);
    } else {
        adam_kernel<double>(p, grad, g, decoupled, step_size, bc2_sqrt);
    }
}

}  // namespace fu::optim
