using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>
/// A simulation scenario: a federation on one machine, the forget requests it receives, and the
/// unlearning methods to compare. Every member has a default, so <c>{}</c> is the default scenario.
/// Load one with <see cref="ScenarioLoader"/>; docs/scenario.md documents the JSON form.
/// </summary>
public sealed record Scenario
{
    /// <summary>Name shown in reports. Default "default".</summary>
    public string Name { get; init; } = "default";

    /// <summary>Seed of every random choice (data draw, partition, initialisation, client sampling). Same scenario and seed, same numbers.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The data.</summary>
    public DatasetSettings Dataset { get; init; } = new();

    /// <summary>How the clients' data is split.</summary>
    public PartitionSettings Partition { get; init; } = new();

    /// <summary>The clients.</summary>
    public ClientSettings Clients { get; init; } = new();

    /// <summary>The model and its adapters.</summary>
    public ModelSettings Model { get; init; } = new();

    /// <summary>Federated training.</summary>
    public TrainingSettings Training { get; init; } = new();

    /// <summary>The forget requests, each handled by every method. Default: 10% of client 0's samples after round 4, class 3 after round 7.</summary>
    public IReadOnlyList<ForgetRequestSettings> ForgetRequests { get; init; } =
    [
        new() { AtRound = 4, Scope = ForgetScope.Samples, Client = 0, Fraction = 0.1 },
        new() { AtRound = 7, Scope = ForgetScope.Class, Label = 3 },
    ];

    /// <summary>
    /// The methods compared. Default rfa, nabla-tau (one local epoch per campaign round, as rfa runs and as both
    /// unlearning benchmarks measure it) and retrain (the reference).
    /// </summary>
    public IReadOnlyList<MethodSettings> Methods { get; init; } =
        [MethodSettings.Of(MethodCatalog.Rfa), MethodSettings.Of(MethodCatalog.NablaTau) with { LocalEpochs = 1 }, MethodSettings.Of(MethodCatalog.Retrain)];

    /// <summary>What is measured.</summary>
    public EvaluationSettings Evaluation { get; init; } = new();

    /// <summary>Where the report goes.</summary>
    public OutputSettings Output { get; init; } = new();

    /// <summary>The default scenario (what <c>fedunlearn simulate</c> runs without a file).</summary>
    public static Scenario Default { get; } = new();

    /// <summary>
    /// The methods that handle forget request <paramref name="index"/>, in <see cref="Methods"/> order: those
    /// it lists by label, or (no list) every method that can handle its scope (<see cref="MethodCatalog.CannotHandle"/>).
    /// </summary>
    public IReadOnlyList<MethodSettings> MethodsFor(int index)
    {
        var request = ForgetRequests[index];
        return request.Methods is { } labels
            ? [.. Methods.Where(m => m is not null && labels.Contains(m.DisplayName))]
            : [.. Methods.Where(m => m is not null && MethodCatalog.CannotHandle(m.Name, request.Scope) is null)];
    }

    /// <summary>Classes of the configured dataset (Fashion-MNIST and auto: 10; synthetic: <see cref="DatasetSettings.Classes"/>).</summary>
    [JsonIgnore]
    public int ClassCount => Dataset.Kind == DatasetKind.Synthetic ? Dataset.Classes : 10;
}
