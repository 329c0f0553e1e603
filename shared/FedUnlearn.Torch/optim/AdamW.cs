using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter): each step first shrinks the parameters
/// by <c>1 - lr·weight_decay</c>, then applies the Adam update; the rule of PyTorch 1.13's
/// <c>torch.optim.AdamW</c>, including its default weight decay of 0.01.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Optimizes one group of parameters.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <summary>Optimizes several groups; <paramref name="lr"/> and <paramref name="weight_decay"/> are defaults for groups that set none.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(OptimizerKind.AdamW, groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }
}
