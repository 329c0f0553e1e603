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

    /// <summary>Samples scope: a trigger-carrying forget set; null for clean data.</summary>
    public BackdoorSettings? Backdoor { get; init; }

    /// <summary>
    /// Client scope: the leaving client goes offline before the request and never returns, so the
    /// request is an operator's (Admin.RequestForget) and only methods that need nothing from that
    /// client can honour it (<c>client-removal</c>, <c>retrain</c>). Null means true; <c>false</c> (the
    /// client asking to leave while online) is not simulated yet.
    /// </summary>
    public bool? Offline { get; init; }

    /// <summary>
    /// Labels of the scenario's methods that handle this request (each must be able to: see
    /// <see cref="MethodCatalog.CannotHandle"/>); null for every listed method that can handle its scope.
    /// </summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>The sample share to forget when neither fraction nor count is given.</summary>
    public const double DefaultFraction = 0.1;
}
