// Optimizer state lifetime, parameter registration, zero_grad and state inspection. The update
// rules are in optim_step.cpp. One exported call steps or clears every parameter, so an optimizer
// step costs one P/Invoke however many parameters the model has.
#include "optim_state.h"

using fu::optim::GroupArgs;
using fu::optim::Kind;
using fu::optim::State;

FU_API State* fu_optim_new(int32_t kind) {
    try {
        TORCH_CHECK(kind >= 0 && kind <= 2, "unknown optimizer kind ", kind);
        return new State{static_cast<Kind>(kind), {}};
    }
    FU_CATCH(nullptr)
}

FU_API void fu_optim_free(State* s) { delete s; }

// Appends n parameters to group `group`, in order (C# keeps the same order for state lookups).
FU_API int32_t fu_optim_add(State* s, const TensorHandle* params, int64_t n, int32_t group) {
    FU_STATUS_BODY({
        for (int64_t i = 0; i < n; ++i) {
            fu::optim::Param p;
            p.value = *params[i];
            p.group = group;
            s->params.push_back(std::move(p));
        }
    })
}

// Applies one update to every parameter that has a gradient; groups[i] holds group i's arguments.
FU_API int32_t fu_optim_step(State* s, const GroupArgs* groups, int32_t n_groups) {
    FU_STATUS_BODY({
        at::NoGradGuard no_grad;
        for (auto& p : s->params) {
            TORCH_CHECK(p.group >= 0 && p.group < n_groups, "parameter group ", p.group, " has no arguments");
            const auto& grad = p.value.grad();
            if (!grad.defined()) continue;
            TORCH_CHECK(!grad.is_sparse(), "sparse gradients are not supported by this optimizer");
            const auto& g = groups[p.group];
            if (s->kind == Kind::Sgd) {
                fu::optim::step_sgd(p, grad, g);
            } else {
                p.step += 1;
                fu::optim::step_adam(p, grad, g, s->kind == Kind::AdamW);
            }
        }
    })
}

// PyTorch's Optimizer.zero_grad: drop gradients (set_to_none) or zero them in place, detached.
FU_API int32_t fu_optim_zero_grad(State* s, int32_t set_to_none) {
    FU_STATUS_BODY({
        for (auto& p : s->params) {
            auto& grad = p.value.mutable_grad();
            if (!grad.defined()) continue;
            if (set_to_none) {
                grad.reset();
                continue;
            }
            if (grad.grad_fn()) grad = grad.detach(); else grad.requires_grad_(false);
            grad.zero_();
        }
    })
}

// State of parameter `index`: slot 0..2 (see Param), returned as a new handle sharing storage, or
// null when not yet created; *step receives the parameter's step count.
FU_API int32_t fu_optim_state(State* s, int64_t index, int32_t slot, TensorHandle* out, int64_t* step) {
    FU_STATUS_BODY({
        TORCH_CHECK(index >= 0 && index < static_cast<int64_t>(s->params.size()), "parameter index ", index, " out of range");
        const auto& p = s->params[static_cast<size_t>(index)];
        const at::Tensor* t = slot == 0 ? &p.s0 : slot == 1 ? &p.s1 : &p.s2;
        *out = t->defined() ? fu::wrap(*t) : nullptr;
        *step = p.step;
    })
}
