using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>What a forget request removes.</summary>
public enum ForgetScope
{
    /// <summary>Some samples of one client (their ids never leave it; only counts do).</summary>
    [JsonStringEnumMemberName("samples")]
    Samples,

    /// <summary>One class, across the federation.</summary>
    [JsonStringEnumMemberName("class")]
    Class,

    /// <summary>A whole client leaves.</summary>
    [JsonStringEnumMemberName("client")]
    Client,
}
