using System.Text.Json.Serialization;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>One forget request and how every method handled it, the reference among them.</summary>
public sealed record ForgetRequestResult
{
    /// <summary>Index of the request in the scenario.</summary>
    public int Index { get; init; }

    /// <summary>The request arrived after this training round.</summary>
    public int AtRound { get; init; }

    /// <summary>What it removes.</summary>
    public ForgetScope Scope { get; init; }

    /// <summary>Requesting client (samples and client scope).</summary>
    public int? Client { get; init; }

    /// <summary>Forgotten label (class scope).</summary>
    public int? Label { get; init; }

    /// <summary>Short description, e.g. "10% of client 0's samples".</summary>
    public string Description { get; init; } = "";

    /// <summary>Samples in the forget set, summed over the clients that hold them.</summary>
    public int ForgetCount { get; init; }

    /// <summary>Whether the forget set carried a backdoor trigger (then attack success rates are reported).</summary>
    public bool Backdoor { get; init; }

    /// <summary>Every method's result, in the scenario's order.</summary>
    public IReadOnlyList<MethodResult> Methods { get; init; } = [];

    /// <summary>The reference row (retrain), or null when the scenario has none.</summary>
    [JsonIgnore]
    public MethodResult? Reference => Methods.FirstOrDefault(m => m.IsReference);

    /// <summary>
    /// A copy in which every method carries its speed-up: the reference's wall time over its own
    /// (null without a reference or when a time is not positive). The reference itself gets 1.
    /// </summary>
    public ForgetRequestResult WithSpeedUps()
    {
        var reference = Reference?.WallTimeSeconds;
        return this with
        {
            Methods = [.. Methods.Select(m => m with
            {
                SpeedUp = reference is > 0 && m.WallTimeSeconds > 0 ? reference.Value / m.WallTimeSeconds : null,
            })],
        };
    }
}
