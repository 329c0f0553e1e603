namespace FedUnlearn.Server.Aggregation;

/// <summary>A connected client as the strategy sees it when choosing participants.</summary>
/// <param name="ClientId">Stable client id.</param>
public sealed record ClientInfo(string ClientId)
{
    /// <summary>The sample count the client declared when it joined, when known.</summary>
    public long? DeclaredSampleCount { get; init; }

    /// <summary>Free-form properties the client declared (device, region...).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
