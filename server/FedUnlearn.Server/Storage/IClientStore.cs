namespace FedUnlearn.Server.Storage;

/// <summary>Admitted clients and their tokens.</summary>
public interface IClientStore
{
    /// <summary>Admits a client under a unique <paramref name="name"/> and issues its token (returned once).</summary>
    /// <exception cref="InvalidOperationException">The name is taken.</exception>
    Task<ClientRegistration> RegisterClientAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks <paramref name="token"/> against the client's stored hash in constant time; on success
    /// records the time as last seen and returns the client, otherwise null (unknown id or wrong token).
    /// </summary>
    Task<ClientRecord?> AuthenticateAsync(string clientId, string token, CancellationToken cancellationToken = default);

    /// <summary>The client with <paramref name="clientId"/>, or null.</summary>
    Task<ClientRecord?> GetClientAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Every client, by name.</summary>
    Task<IReadOnlyList<ClientRecord>> ListClientsAsync(CancellationToken cancellationToken = default);

    /// <summary>The client named <paramref name="name"/> (its client id on the wire), or null.</summary>
    Task<ClientRecord?> FindClientByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Marks a client removed (idempotent): its token stops authenticating, its history stays.</summary>
    /// <exception cref="KeyNotFoundException">No such client.</exception>
    Task<ClientRecord> RemoveClientAsync(string clientId, CancellationToken cancellationToken = default);
}
