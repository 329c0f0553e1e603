using System.Text.Json.Serialization;
using System.Text.Json;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>
/// One unlearning method to run on every forget request. The same method may appear twice with
/// different options and distinct <see cref="Label"/>s.
/// </summary>
public sealed record MethodSettings
{
    /// <summary>The method, one of <see cref="MethodCatalog.Names"/>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Name in tables and plots; null for <see cref="Name"/>. Labels must be unique.</summary>
    public string? Label { get; init; }

    /// <summary>Campaign rounds; null for the method's default (retrain: as many rounds as trained so far; others: 1).</summary>
    public int? Rounds { get; init; }

    /// <summary>
    /// Ordinary training rounds with every client before a samples request's unlearning rounds
    /// (<c>ForgetMethodSettings.RepairRounds</c>); null for 0. Class requests ignore them.
    /// </summary>
    public int? RepairRounds { get; init; }

    /// <summary>Local epochs of each repair round; null for <see cref="TrainingSettings.LocalEpochs"/>.</summary>
    public int? RepairLocalEpochs { get; init; }

    /// <summary>Local epochs per campaign round; null for <see cref="TrainingSettings.LocalEpochs"/>.</summary>
    public int? LocalEpochs { get; init; }

    /// <summary>Local learning rate; null for <see cref="TrainingSettings.LearningRate"/>.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The layer-wise partial wrapper, for optimisation-based methods; null for none.</summary>
    public PartialSettings? Partial { get; init; }

    /// <summary>Method-specific knobs (see <see cref="MethodCatalog.OptionNames"/>); null for none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    /// <summary>The name shown in reports: <see cref="Label"/> or <see cref="Name"/>.</summary>
    [JsonIgnore]
    public string DisplayName => Label ?? Name;

    /// <summary>A method with default settings.</summary>
    public static MethodSettings Of(string name) => new() { Name = name };
}
