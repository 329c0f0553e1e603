#!/usr/bin/python3
"""PyTorch reference for bench/federated-vs-torch: federated LoRA fine-tuning in one process.

The same job as bench/federated-vs-torch/scenario.json run by `fedunlearn simulate`: Fashion-MNIST
(pixels / 255), a seeded public 10% on which the MLP 784-256-256-10 is pre-trained (5 epochs, AdamW
lr 1e-3, batch 64; not timed), the rest split IID over 5 clients; then 10 rounds of FedAvg over LoRA
adapters (rank 8, alpha 16, every linear; frozen W0 and bias + (alpha/r) B A, A kaiming-uniform,
B zeros, as PEFT), each client 1 local epoch, batch 64, a fresh AdamW (lr 0.003) per round,
averaged weighted by sample count. Clients run one after the other in this process (no network).

Timed: each round's local training of every client plus the averaging, summed over rounds (as our
side sums each round's wall time); data loading, pre-training and test evaluation are not timed.
Prints `torch wall_s=... final_test_acc=... threads=...` and per-round lines.
"""
import argparse, gzip, math, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank: int, alpha: float):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / rank

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling


class Mlp(nn.Module):
    def __init__(self, hidden=(256, 256)):
        super().__init__()
        sizes = (784,) + tuple(hidden)
        self.fcs = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.head = nn.Linear(sizes[-1], 10)

    def forward(self, x):
        x = x.flatten(1)
        for fc in self.fcs:
            x = F.relu(fc(x))
        return self.head(x)

    def add_lora(self, rank, alpha):
        self.fcs = nn.ModuleList(LoRALinear(fc, rank, alpha) for fc in self.fcs)
        self.head = LoRALinear(self.head, rank, alpha)


def train_epoch(model, x, y, opt, batch, gen):
    order = torch.randperm(len(x), generator=gen)
    for i in range(0, len(x), batch):
        b = order[i:i + batch]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x[b]), y[b])
        loss.backward()
        opt.step()


@torch.no_grad()
def accuracy(model, x, y):
    return (model(x).argmax(1) == y).float().mean().item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="1")
    ap.add_argument("--clients", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--train-size", type=int, default=30000)
    ap.add_argument("--test-size", type=int, default=10000)
    ap.add_argument("--lr", type=float, default=0.003)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if a.threads != "default":
        torch.set_num_threads(int(a.threads))
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)

    xtr = idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    ytr = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    xte = idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    yte = idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)
    pick = rng.permutation(len(xtr))[:a.train_size]
    tpick = rng.permutation(len(xte))[:a.test_size]
    xtr, ytr = torch.from_numpy(xtr[pick].reshape(-1, 784)), torch.from_numpy(ytr[pick])
    xte, yte = torch.from_numpy(xte[tpick].reshape(-1, 784)), torch.from_numpy(yte[tpick])
    n_pub = int(a.train_size * 0.1)
    xpub, ypub = xtr[:n_pub], ytr[:n_pub]
    shards = np.array_split(rng.permutation(a.train_size - n_pub) + n_pub, a.clients)
    clients = [(xtr[torch.from_numpy(s)], ytr[torch.from_numpy(s)]) for s in shards]

    gen = torch.Generator().manual_seed(a.seed)
    model = Mlp()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)
    for _ in range(5):
        train_epoch(model, xpub, ypub, opt, 64, gen)
    print(f"# base (pre-trained on {n_pub} public samples): test acc {accuracy(model, xte, yte):.4f}", flush=True)
    model.add_lora(8, 16.0)
    trainable = [p for p in model.parameters() if p.requires_grad]
    names = [n for n, p in model.named_parameters() if p.requires_grad]
    global_adapter = [p.detach().clone() for p in trainable]
    sizes = [len(c[0]) for c in clients]

    total, first = 0.0, 0.0
    for r in range(1, a.rounds + 1):
        t0 = time.perf_counter()
        acc_sum = [torch.zeros_like(g) for g in global_adapter]
        for (cx, cy), n in zip(clients, sizes):
            with torch.no_grad():
                for p, g in zip(trainable, global_adapter):
                    p.copy_(g)
            opt = torch.optim.AdamW(trainable, lr=a.lr, weight_decay=0.0)
            train_epoch(model, cx, cy, opt, 64, gen)
            with torch.no_grad():
                for s, p in zip(acc_sum, trainable):
                    s.add_(p, alpha=n / sum(sizes))
        global_adapter = acc_sum
        dt = time.perf_counter() - t0
        total += dt
        first = dt if r == 1 else first
        with torch.no_grad():
            for p, g in zip(trainable, global_adapter):
                p.copy_(g)
        print(f"round {r} wall_s={dt:.3f} test_acc={accuracy(model, xte, yte):.4f}", flush=True)
    print(f"torch wall_s={total:.3f} steady_s={total - first:.3f} final_test_acc={accuracy(model, xte, yte):.4f} threads={a.threads} "
          f"params={names}", flush=True)


if __name__ == "__main__":
    main()
