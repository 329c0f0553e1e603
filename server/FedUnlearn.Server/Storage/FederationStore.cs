using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage;

/// <summary>
/// The embedded store: SQLite (WAL journal, full fsync on commit, versioned schema) for the
/// records, content-addressed blob files in the data directory for global versions (and deltas of
/// older stores), and one pack file per round for the round's client deltas.
/// </summary>
/// <remarks>
/// One process owns a data directory. All database work goes through one connection behind an
/// async gate (SQLite has a single writer anyway); blob files are written and read outside the gate.
/// A blob is always fully on disk before the transaction that references it commits, so a
/// committed row never points at a missing or partial blob; an interrupted write leaves at most
/// an unreferenced blob, which <see cref="PruneAsync"/> removes. A round's pack is sealed (one fsync,
/// then the directory's) before the transaction that records its entries.
/// </remarks>
public sealed partial class FederationStore : IFederationStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ContentAddressedBlobs _blobs;
    private readonly PendingBlobs _pending = new();
    private readonly PendingBlobs _pendingPacks = new();
    private readonly string _packDirectory;
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private bool _disposed;

    private FederationStore(SqliteConnection connection, StoreOptions options, TimeProvider time)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _blobs = new ContentAddressedBlobs(Path.Combine(options.DataDirectory, "blobs"));
        _packDirectory = Path.Combine(options.DataDirectory, "packs");
        DurableDirectory.Create(_packDirectory);
    }

    /// <summary>The file name of the database inside the data directory.</summary>
    public const string DatabaseFileName = "federation.db";

    /// <summary>Opens (creating or migrating as needed) the store in <see cref="StoreOptions.DataDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The database was written by a newer server.</exception>
    public static async Task<FederationStore> OpenAsync(StoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // WAL: readers never see a half-written transaction; FULL: a commit survives power loss.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;", cancellationToken);
            await SchemaMigrations.ApplyAsync(connection, cancellationToken);
            var store = new FederationStore(connection, options, timeProvider ?? TimeProvider.System);
            await store.RecoverPacksAsync(cancellationToken);
            return store;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The schema version this store runs.</summary>
    public static int SchemaVersion => SchemaMigrations.Latest;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private long Now => RecordMapper.Millis(_time.GetUtcNow());

    private async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await work(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            // Disposing without a commit rolls back: an exception leaves nothing half-done.
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, tx);
            await tx.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>Encodes and writes a parameter set's blob, holding it as pending until the caller's commit.</summary>
    private async Task<(string Hash, IDisposable Hold)> WriteBlobAsync(ParameterSet parameters, CancellationToken cancellationToken)
    {
        var bytes = _options.Codec.Encode(parameters);
        var hash = ContentAddressedBlobs.Hash(bytes);
        var hold = _pending.Hold(hash);
        try
        {
            await _blobs.WriteAsync(hash, bytes, cancellationToken);
            return (hash, hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }


    /// <summary>Where the blob of <paramref name="blobHash"/> lives on disk (for operators and tests).</summary>
    public string BlobPath(string blobHash) => _blobs.PathOf(blobHash);
}
