// Native optimizer state: the parameters an optimizer updates and their per-parameter state
// (moments, momentum buffers, step counts), kept in C++ so that one call steps every parameter.
// Shared by optim_state.cpp (lifetime, zero_grad, state access) and optim_step.cpp (update rules).
#pragma once

#include "shim.h"

#include <cstdint>
#include <vector>

namespace fu::optim {

enum class Kind : int32_t { Sgd = 0, Adam = 1, AdamW = 2 };

// Flags of GroupArgs::flags.
constexpr int32_t kNesterov = 1;
constexpr int32_t kMaximize = 2;
constexpr int32_t kAmsgrad = 4;

// One parameter group's hyper-parameters for one step; mirrors C# OptimizerGroupArgs (blittable).
struct GroupArgs {
    double lr;
    double weight_decay;
    double beta1;       // Adam/AdamW
    double beta2;       // Adam/AdamW
    double eps;         // Adam/AdamW
    double momentum;    // SGD
    double dampening;   // SGD
    int32_t flags;
    int32_t reserved;
};

struct Param {
    at::Tensor value;  // shares the TensorImpl of the C# parameter: updates are seen there
    int32_t group = 0;
    int64_t step = 0;  // PyTorch's state['step']: counts the steps this parameter had a gradient
    at::Tensor s0;     // SGD momentum_buffer | Adam exp_avg
    at::Tensor s1;     // Adam exp_avg_sq
    at::Tensor s2;     // Adam max_exp_avg_sq (amsgrad)
};

struct State {
    Kind kind;
    std::vector<Param> params;
};

// Updates one parameter that has a gradient (step already incremented for Adam kinds).
void step_sgd(Param& p, const at::Tensor& grad, const GroupArgs& g);
void step_adam(Param& p, const at::Tensor& grad, const GroupArgs& g, bool decoupled);

}  // namespace fu::optim
