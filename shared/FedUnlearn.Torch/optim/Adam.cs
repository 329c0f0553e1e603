using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>
/// Adam with bias correction, optional AMSGrad and L2 weight decay added to the gradient; the update
/// rule of PyTorch 1.13's <c>torch.optim.Adam</c>. For decoupled weight decay use <see cref="AdamW"/>.
/// </summary>
public class Adam : Optimizer
{
    private static readonly string[] Keys = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    /// <summary>Optimizes one group of parameters.</summary>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <summary>Optimizes several groups; <paramref name="lr"/> and <paramref name="weight_decay"/> are defaults for groups that set none.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this(OptimizerKind.Adam, groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    private protected Adam(OptimizerKind kind, IEnumerable<ParamGroup> groups, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize)
        : base(kind, groups, Checked(lr, beta1, beta2, eps, weightDecay), weightDecay)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        Amsgrad = amsgrad;
        Maximize = maximize;
    }

    /// <summary>Decay of the first moment (PyTorch's <c>betas[0]</c>).</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment (PyTorch's <c>betas[1]</c>).</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the maximum of past second moments is used (AMSGrad).</summary>
    public bool Amsgrad { get; }

    /// <summary>Whether the objective is maximised instead of minimised.</summary>
    public bool Maximize { get; }

    private protected override IReadOnlyList<string> StateKeys => Keys;

    private protected override void FillArgs(ref OptimizerGroupArgs args)
    {
        args.Beta1 = Beta1;
        args.Beta2 = Beta2;
        args.Eps = Eps;
        args.Flags = (Amsgrad ? OptimizerFlags.Amsgrad : 0) | (Maximize ? OptimizerFlags.Maximize : 0);
    }

    private static double Checked(double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        OptimizerChecks.NonNegative(lr, nameof(lr), "learning rate");
        OptimizerChecks.NonNegative(eps, nameof(eps), "epsilon");
        OptimizerChecks.Beta(beta1, nameof(beta1));
        OptimizerChecks.Beta(beta2, nameof(beta2));
        OptimizerChecks.NonNegative(weightDecay, "weight_decay", "weight decay");
        return lr;
    }
}
