using System.Security.Cryptography;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    private const int SqliteConstraint = 19;

    /// <inheritdoc />
    public async Task<ClientRegistration> RegisterClientAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > 128) throw new ArgumentException("A client name has at most 128 characters.", nameof(name));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var token = TokenHasher.NewToken();
        var (salt, hash) = TokenHasher.HashNew(token);
        var now = Now;
        try
        {
            await WithConnectionAsync(c => c.ExecuteAsync(
                "INSERT INTO clients (id, name, token_salt, token_hash, created_ms) VALUES ($id, $name, $salt, $hash, $now)",
                cancellationToken, null, ("$id", id), ("$name", name), ("$salt", salt), ("$hash", hash), ("$now", now)), cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new InvalidOperationException($"A client named '{name}' is already registered.", e);
        }
        return new ClientRegistration(new ClientRecord(id, name, DateTimeOffset.FromUnixTimeMilliseconds(now), null), token);
    }

    /// <inheritdoc />
    public Task<ClientRecord?> AuthenticateAsync(string clientId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(token);
        return WithConnectionAsync(async c =>
        {
            var secrets = await c.QueryAsync("SELECT token_salt, token_hash FROM clients WHERE id = $id AND removed_ms IS NULL",
                r => ((byte[])r["token_salt"], (byte[])r["token_hash"]), cancellationToken, null, ("$id", clientId));
            if (secrets.Count == 0 || !TokenHasher.Verify(token, secrets[0].Item1, secrets[0].Item2)) return null;
            await c.ExecuteAsync("UPDATE clients SET last_seen_ms = $now WHERE id = $id", cancellationToken, null, ("$now", Now), ("$id", clientId));
            var rows = await c.QueryAsync($"SELECT {ClientColumns} FROM clients WHERE id = $id", MapClient, cancellationToken, null, ("$id", clientId));
            return rows.SingleOrDefault();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ClientRecord?> GetClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => (await c.QueryAsync($"SELECT {ClientColumns} FROM clients WHERE id = $id",
            MapClient, cancellationToken, null, ("$id", clientId))).SingleOrDefault(), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientRecord>> ListClientsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ClientRecord>>(async c => await c.QueryAsync(
            $"SELECT {ClientColumns} FROM clients ORDER BY name", MapClient, cancellationToken), cancellationToken);
}
