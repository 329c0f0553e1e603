using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Admission.Internal;

/// <summary>
/// Maps bearer tokens to callers. Client tokens are checked against the store's salted hashes once
/// per process and then remembered by their SHA-256 (a store check writes last-seen and syncs the
/// database: too slow for every chunked call of every client). The admin token is compared in
/// constant time.
/// </summary>
internal sealed class TokenAuthenticator(IClientStore store, string adminToken)
{
    private readonly byte[] _adminHash = SHA256.HashData(Encoding.UTF8.GetBytes(adminToken));
    private readonly ConcurrentDictionary<string, ClientRecord> _verified = new(StringComparer.Ordinal);

    public bool IsAdmin(string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _adminHash);

    public async ValueTask<ClientRecord?> AuthenticateClientAsync(string token, CancellationToken cancellationToken)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(key, out ClientRecord? known))
            return known;
        if (!ClientToken.TryParse(token, out string storeId, out string secret))
            return null;
        ClientRecord? client = await store.AuthenticateAsync(storeId, secret, cancellationToken).ConfigureAwait(false);
        if (client is not null)
            _verified[key] = client;
        return client;
    }

    /// <summary>Forgets the remembered tokens of a client (by store id): after its removal the next call checks the store and fails.</summary>
    public void Revoke(string storeId)
    {
        foreach ((string key, ClientRecord client) in _verified)
            if (client.Id == storeId) _verified.TryRemove(key, out _);
    }
}
