using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, L2 weight decay and Nesterov
/// momentum; the update rule of PyTorch 1.13's <c>torch.optim.SGD</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    private static readonly string[] Keys = ["momentum_buffer"];

    /// <summary>Optimizes one group of parameters.</summary>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
    }

    /// <summary>Optimizes several groups; <paramref name="lr"/> and <paramref name="weight_decay"/> are defaults for groups that set none.</summary>
    public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(OptimizerKind.Sgd, groups, Checked(lr, momentum, dampening, weight_decay, nesterov), weight_decay)
    {
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        Maximize = maximize;
    }

    /// <summary>Momentum factor (0: plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the momentum's gradient term.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the objective is maximised instead of minimised.</summary>
    public bool Maximize { get; }

    private protected override IReadOnlyList<string> StateKeys => Keys;

    private protected override void FillArgs(ref OptimizerGroupArgs args)
    {
        args.Momentum = Momentum;
        args.Dampening = Dampening;
        args.Flags = (Nesterov ? OptimizerFlags.Nesterov : 0) | (Maximize ? OptimizerFlags.Maximize : 0);
    }

    private static double Checked(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        OptimizerChecks.NonNegative(lr, nameof(lr), "learning rate");
        OptimizerChecks.NonNegative(momentum, nameof(momentum), "momentum");
        OptimizerChecks.NonNegative(weightDecay, "weight_decay", "weight decay");
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening.", nameof(nesterov));
        }

        return lr;
    }
}
