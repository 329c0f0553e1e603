using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>How the training data is split among the clients (all seeded).</summary>
public enum PartitionKind
{
    /// <summary>Uniformly at random.</summary>
    [JsonStringEnumMemberName("iid")]
    Iid,

    /// <summary>Label skew: per class, proportions drawn from Dirichlet(α).</summary>
    [JsonStringEnumMemberName("dirichlet")]
    Dirichlet,

    /// <summary>Each client holds a few whole classes (assigned cyclically).</summary>
    [JsonStringEnumMemberName("by-class")]
    ByClass,
}
