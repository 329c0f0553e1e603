namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>One forget request of the scenario: when it arrives, who asks, and what it removes.</summary>
public sealed record ForgetRequestSettings
{
    /// <summary>The request is filed after this many training rounds (1 to <see cref="TrainingSettings.Rounds"/>).</summary>
    public int AtRound { get; init; } = 1;

    /// <summary>What is forgotten. Default samples.</summary>
    public ForgetScope Scope { get; init; } = ForgetScope.Samples;

    /// <summary>Samples and client scope: the requesting client's index (0-based).</summary>
    public int? Client { get; init; }

    /// <summary>Samples scope: share of the client's samples to forget, in (0, 1]. Give this or <see cref="Count"/>; neither means 0.1.</summary>
    public double? Fraction { get; init; }

    /// <summary>Samples scope: number of the client's samples to forget.</summary>
    public int? Count { get; init; }

    /// <summary>Class scope: the label to forget.</summary>
    public int? Label { get; init; }

    /// <summary>Samples and client scope: a trigger-carrying forget set; null for clean data.</summary>
    public BackdoorSettings? Backdoor { get; init; }

    /// <summary>The sample share to forget when neither fraction nor count is given.</summary>
    public const double DefaultFraction = 0.1;
}
