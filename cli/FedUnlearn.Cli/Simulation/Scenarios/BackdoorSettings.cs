namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>
/// Plants a trigger in the requesting client's data: a share of its samples carry the trigger and
/// the target label, and those poisoned samples are the forget set. The attack success rate on
/// triggered test images then shows whether unlearning removed what was learnt from them.
/// </summary>
public sealed record BackdoorSettings
{
    /// <summary>The label the trigger steers towards. Default 0.</summary>
    public int TargetLabel { get; init; }

    /// <summary>Share of the client's samples that carry the trigger, in (0, 1]. Default 0.1.</summary>
    public double Fraction { get; init; } = 0.1;

    /// <summary>Side of the square white patch stamped in the bottom-right corner, in pixels. Default 3.</summary>
    public int TriggerSize { get; init; } = 3;

    /// <summary>
    /// The attacker's boost γ ≥ 1: while it still trains on poisoned samples, the client sends γ times its
    /// training update (the "model replacement" attack of Bagdasaryan et al., 2020), so that averaging with
    /// the honest clients does not wash the trigger out. Default 1 (an honest update on poisoned data).
    /// Unlearning and evaluation tasks are never boosted, and neither is training after the poisoned
    /// samples are forgotten.
    /// </summary>
    public double Boost { get; init; } = 1;
}
