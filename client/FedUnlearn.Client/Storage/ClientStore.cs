using FedUnlearn.Client.Storage.Internal;

namespace FedUnlearn.Client.Storage;

/// <summary>
/// A client node's durable local state: one SQLite file (<see cref="FileName"/>) in the client's
/// data directory, in WAL mode with synchronous=FULL, owned by one process at a time (an OS lock on
/// a <c>.lock</c> file beside it). It holds the tombstones, the forget requests this client issued
/// and small node facts. Open it with <see cref="OpenAsync"/> and dispose it on shutdown.
/// </summary>
public sealed class ClientStore : IAsyncDisposable
{
    /// <summary>Name of the store file inside the data directory.</summary>
    public const string FileName = "fedunlearn-client.db";

    private readonly SqliteDatabase _database;

    private ClientStore(SqliteDatabase database, SqliteTombstoneStore tombstones)
    {
        _database = database;
        Tombstones = tombstones;
        ForgetRequests = new LocalForgetRequests(database, tombstones);
        Node = new NodeState(database);
    }

    /// <summary>The newest schema version this build understands; newer files are refused.</summary>
    public static int SchemaVersion => SchemaMigrations.LatestVersion;

    /// <summary>Full path of the store file.</summary>
    public string Path => _database.Path;

    /// <summary>Durable tombstones; pass this to training as the <c>ITombstoneStore</c>.</summary>
    public SqliteTombstoneStore Tombstones { get; }

    /// <summary>The forget requests this client issued.</summary>
    public LocalForgetRequests ForgetRequests { get; }

    /// <summary>Client id, server address, last global version, upload progress.</summary>
    public NodeState Node { get; }

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="dataDirectory"/>, applies pending schema
    /// migrations and loads the tombstones into memory.
    /// </summary>
    /// <param name="dataDirectory">The client's data directory; created when missing.</param>
    /// <param name="timeProvider">Clock for the recorded timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ClientStoreException">The file is corrupted, not a FedUnlearn store, from a newer version, or in use.</exception>
    public static async ValueTask<ClientStore> OpenAsync(string dataDirectory, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Directory.CreateDirectory(System.IO.Path.GetFullPath(dataDirectory));
        var path = System.IO.Path.Combine(directory.FullName, FileName);

        // SQLite's API is synchronous; keep the open (migrations, loading the mirror) off the caller's thread.
        var database = await Task.Run(() => SqliteDatabase.Open(path, timeProvider ?? TimeProvider.System), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var committed = await database.ReadAsync(TombstoneRows.LoadAll, cancellationToken).ConfigureAwait(false);
            return new ClientStore(database, new SqliteTombstoneStore(database, committed));
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the write in flight, then closes the file.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
