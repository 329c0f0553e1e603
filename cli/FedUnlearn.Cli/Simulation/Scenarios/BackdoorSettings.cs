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
}
