using System.Globalization;
using FedUnlearn.Client.Storage.Internal;

namespace FedUnlearn.Client.Storage;

/// <summary>
/// Small durable facts about this node that must survive a restart: its client id, the server it
/// talks to, the last global adapter version it saw, and how far each update upload got.
/// Obtain it from <see cref="ClientStore.Node"/>. Thread-safe.
/// </summary>
public sealed class NodeState
{
    private const string ClientIdKey = "client_id";
    private const string ServerAddressKey = "server_address";
    private const string GlobalVersionKey = "global_adapter_version";

    private readonly SqliteDatabase _database;

    internal NodeState(SqliteDatabase database) => _database = database;

    /// <summary>The id the server assigned at Join, or null before the first join.</summary>
    public ValueTask<string?> GetClientIdAsync(CancellationToken cancellationToken = default) => GetAsync(ClientIdKey, cancellationToken);

    /// <summary>Stores the client id (null forgets it).</summary>
    public ValueTask SetClientIdAsync(string? clientId, CancellationToken cancellationToken = default) =>
        SetAsync(ClientIdKey, NotBlank(clientId, nameof(clientId)), cancellationToken);

    /// <summary>The server address last used, or null.</summary>
    public ValueTask<string?> GetServerAddressAsync(CancellationToken cancellationToken = default) => GetAsync(ServerAddressKey, cancellationToken);

    /// <summary>Stores the server address (null forgets it).</summary>
    public ValueTask SetServerAddressAsync(string? address, CancellationToken cancellationToken = default) =>
        SetAsync(ServerAddressKey, NotBlank(address, nameof(address)), cancellationToken);

    /// <summary>The last global adapter version this node fetched, or null when it has none.</summary>
    public async ValueTask<long?> GetGlobalAdapterVersionAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(GlobalVersionKey, cancellationToken).ConfigureAwait(false) is { } text
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Stores the last global adapter version seen (non-negative).</summary>
    public ValueTask SetGlobalAdapterVersionAsync(long version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return SetAsync(GlobalVersionKey, NodeStateRows.Format(version), cancellationToken);
    }

    /// <summary>Bytes of <paramref name="taskId"/>'s update the server has acknowledged, or 0 when none are recorded.</summary>
    public async ValueTask<long> GetUploadProgressAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return await _database.ReadAsync(c => NodeStateRows.GetUpload(c, taskId), cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>Records that the server acknowledged <paramref name="bytesAcknowledged"/> bytes of <paramref name="taskId"/>'s update.</summary>
    public async ValueTask SetUploadProgressAsync(string taskId, long bytesAcknowledged, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesAcknowledged);
        await _database.RunAsync(tx =>
        {
            NodeStateRows.SetUpload(tx, taskId, bytesAcknowledged, StoreClock.Now(_database.Time));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets <paramref name="taskId"/>'s upload progress (the upload finished or was abandoned); true when there was some.</summary>
    public async ValueTask<bool> ClearUploadProgressAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return await _database.RunAsync(tx => NodeStateRows.DeleteUpload(tx, taskId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A value stored under <paramref name="key"/> by <see cref="SetAsync"/>, or null.</summary>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return _database.ReadAsync(c => NodeStateRows.Get(c, key), cancellationToken);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> durably; null removes the key.</summary>
    public async ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await _database.RunAsync(tx =>
        {
            NodeStateRows.Set(tx, key, value, StoreClock.Now(_database.Time));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? NotBlank(string? value, string name)
    {
        if (value is not null) ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
