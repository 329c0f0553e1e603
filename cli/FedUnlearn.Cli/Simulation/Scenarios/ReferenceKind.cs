using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The model every unlearning method is compared against.</summary>
public enum ReferenceKind
{
    /// <summary>Federated retraining from the base without the forgotten data (the gold standard).</summary>
    [JsonStringEnumMemberName("retrain")]
    Retrain,

    /// <summary>No reference: distances to it and speed-ups are not reported.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
