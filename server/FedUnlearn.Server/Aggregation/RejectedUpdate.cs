namespace FedUnlearn.Server.Aggregation;

/// <summary>A client whose update did not count, and why.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Reason">A precise, human-readable reason.</param>
public sealed record RejectedUpdate(string ClientId, string Reason);
