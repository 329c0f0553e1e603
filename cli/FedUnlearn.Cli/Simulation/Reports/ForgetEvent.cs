using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>A forget request arriving during training, as marked on the accuracy plot.</summary>
public sealed record ForgetEvent
{
    /// <summary>Index of the request in the scenario.</summary>
    public int Request { get; init; }

    /// <summary>The request arrived after this training round.</summary>
    public int AfterRound { get; init; }

    /// <summary>What it removes.</summary>
    public ForgetScope Scope { get; init; }

    /// <summary>Short description, e.g. "class 3 (Dress)".</summary>
    public string Description { get; init; } = "";
}
