namespace FedUnlearn.Server.Storage;

/// <summary>A newly registered client and its token, shown once: only its hash is kept.</summary>
/// <param name="Client">The stored client.</param>
/// <param name="Token">32 random bytes, base64url: the client's secret.</param>
public sealed record ClientRegistration(ClientRecord Client, string Token);
