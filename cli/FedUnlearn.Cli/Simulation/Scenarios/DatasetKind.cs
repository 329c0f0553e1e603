using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>Which dataset a simulation uses.</summary>
public enum DatasetKind
{
    /// <summary>Fashion-MNIST when its files are installed, the synthetic images otherwise.</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>Fashion-MNIST (IDX gzip files; Debian's <c>dataset-fashion-mnist</c> by default).</summary>
    [JsonStringEnumMemberName("fashion-mnist")]
    FashionMnist,

    /// <summary>The deterministic synthetic image dataset (no install needed).</summary>
    [JsonStringEnumMemberName("synthetic")]
    Synthetic,
}
