using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>
/// Everything one simulation measured: the training rounds, the forget events, and per forget
/// request the result of every method. The orchestration fills it in; <see cref="ReportWriter"/>
/// turns it into <c>results.json</c>, <c>report.md</c> and SVG plots.
/// </summary>
public sealed record SimulationResults
{
    /// <summary>The format tag of <c>results.json</c>.</summary>
    public const string CurrentFormat = "fedunlearn-simulation/1";

    /// <summary>Format tag, so that readers can tell versions apart.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The scenario that was run, echoed in full.</summary>
    public Scenario Scenario { get; init; } = Scenario.Default;

    /// <summary>Seed, versions and machine.</summary>
    public EnvironmentInfo Environment { get; init; } = new();

    /// <summary>The training rounds of the global model, in order.</summary>
    public IReadOnlyList<RoundRecord> Rounds { get; init; } = [];

    /// <summary>When each forget request arrived.</summary>
    public IReadOnlyList<ForgetEvent> ForgetEvents { get; init; } = [];

    /// <summary>Per forget request, every method's result.</summary>
    public IReadOnlyList<ForgetRequestResult> Requests { get; init; } = [];

    /// <summary>Wall time of the whole simulation, seconds.</summary>
    public double WallTimeSeconds { get; init; }

    /// <summary>A copy whose method results carry their speed-up over the reference (see <see cref="ForgetRequestResult.WithSpeedUps"/>).</summary>
    public SimulationResults WithSpeedUps() => this with { Requests = [.. Requests.Select(r => r.WithSpeedUps())] };
}
