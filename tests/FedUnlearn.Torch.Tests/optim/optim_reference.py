"""Prints the PyTorch 1.13 numbers hard-coded in the optimizer and scheduler tests of this folder.

Run: /usr/bin/python3 tests/FedUnlearn.Torch.Tests/optim/optim_reference.py
Every case is built the same way in OptimizerTrajectoryTests.cs / LRSchedulerTests.cs / ClipGradNormTests.cs.
"""
import math
import torch

X0 = [[0.5, -1.0, 1.5], [2.0, -0.3, 0.8]]
Y0 = [1.0, -2.0, 0.25]
A = torch.tensor([[1.0, 2.0, 3.0], [0.5, 1.5, 4.0]], dtype=torch.float64)
B = torch.tensor([[0.1, -0.2, 0.3], [-0.4, 0.5, -0.6]], dtype=torch.float64)


def loss(x, y):
    a, b = A.to(x.dtype), B.to(x.dtype)
    return 0.5 * (a * x * x).sum() + (b * x).sum() + 0.1 * x.sum() * y.sum() + ((y - 1) ** 2).sum()


def run(make, dtype=torch.float64, steps=5, transposed=False):
    if transposed:  # a non-contiguous leaf: exercises the non-fused path
        x = torch.tensor(X0, dtype=dtype).t().contiguous().t().requires_grad_()
    else:
        x = torch.tensor(X0, dtype=dtype, requires_grad=True)
    y = torch.tensor(Y0, dtype=dtype, requires_grad=True)
    opt = make(x, y)
    for _ in range(steps):
        opt.zero_grad()
        loss(x, y).backward()
        opt.step()
    return x.detach().flatten().tolist() + y.detach().tolist()


def show(name, values):
    print(f"{name}: [{', '.join(repr(v) for v in values)}]")


cases = {
    "sgd": lambda x, y: torch.optim.SGD([x, y], lr=0.1),
    "sgd_momentum": lambda x, y: torch.optim.SGD([x, y], lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda x, y: torch.optim.SGD([x, y], lr=0.05, momentum=0.9, weight_decay=0.05, nesterov=True),
    "sgd_maximize": lambda x, y: torch.optim.SGD([x, y], lr=0.01, momentum=0.5, maximize=True),
    "adam": lambda x, y: torch.optim.Adam([x, y], lr=0.1, weight_decay=0.1),
    "adam_amsgrad": lambda x, y: torch.optim.Adam([x, y], lr=0.05, betas=(0.8, 0.9), eps=1e-6, amsgrad=True),
    "adamw": lambda x, y: torch.optim.AdamW([x, y], lr=0.1, weight_decay=0.1),
    "adamw_amsgrad_maximize": lambda x, y: torch.optim.AdamW([x, y], lr=0.02, betas=(0.85, 0.95), amsgrad=True, maximize=True),
    "adamw_groups": lambda x, y: torch.optim.AdamW([{"params": [x], "lr": 0.1, "weight_decay": 0.0},
                                                    {"params": [y], "weight_decay": 0.5}], lr=0.01),
}
for name, make in cases.items():
    show(name, run(make))
show("adamw_float32", run(cases["adamw"], dtype=torch.float32))
show("sgd_momentum_float32", run(cases["sgd_momentum"], dtype=torch.float32))
show("adamw_noncontiguous", run(cases["adamw"], transposed=True))
show("sgd_nesterov_noncontiguous", run(cases["sgd_nesterov"], transposed=True))

# Schedulers: lr after construction, then after each of 12 steps (get_last_lr()[0]).
def schedule(make, steps=12, lr=0.1):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    s = make(opt)
    out = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()
        s.step()
        out.append(s.get_last_lr()[0])
    return out

L = torch.optim.lr_scheduler
show("step_lr", schedule(lambda o: L.StepLR(o, step_size=3, gamma=0.5)))
show("cosine", schedule(lambda o: L.CosineAnnealingLR(o, T_max=5, eta_min=0.01)))
show("linear_warmup", schedule(lambda o: L.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=4)))
show("linear_decay", schedule(lambda o: L.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=6)))
# Hugging Face's get_linear_schedule_with_warmup / get_cosine_schedule_with_warmup lambdas (4 warm-up, 10 total).
lin = lambda s: s / max(1, 4) if s < 4 else max(0.0, (10 - s) / max(1, 10 - 4))
cos = lambda s: s / max(1, 4) if s < 4 else max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * ((s - 4) / max(1, 10 - 4)))))
show("hf_linear", schedule(lambda o: L.LambdaLR(o, lin)))
show("hf_cosine", schedule(lambda o: L.LambdaLR(o, cos)))

# clip_grad_norm_: gradients of loss at X0/Y0 (float32 and float64), max_norm 1.0, norms 2, 1 and inf.
for dtype in (torch.float32, torch.float64):
    for norm_type in (2.0, 1.0, math.inf):
        x = torch.tensor(X0, dtype=dtype, requires_grad=True)
        y = torch.tensor(Y0, dtype=dtype, requires_grad=True)
        loss(x, y).backward()
        total = torch.nn.utils.clip_grad_norm_([x, y], max_norm=1.0, norm_type=norm_type)
        show(f"clip_{str(dtype)[6:]}_{norm_type}", [total.item()] + x.grad.flatten().tolist() + y.grad.tolist())
