using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>
/// The one connection to the store file. SQLite serialises writers anyway, so a single connection
/// behind an async gate is both the simplest and the fastest arrangement for one client process;
/// every unit of work runs in one transaction that commits (and, with synchronous=FULL, reaches
/// the disk) before the caller continues.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly FileStream _ownership;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private SqliteDatabase(SqliteConnection connection, FileStream ownership, string path, TimeProvider time)
    {
        _connection = connection;
        _ownership = ownership;
        Path = path;
        Time = time;
    }

    public string Path { get; }

    public TimeProvider Time { get; }

    public static SqliteDatabase Open(string path, TimeProvider time)
    {
        var ownership = ClaimOwnership(path);
        // No pooling: disposing the store must really close the file (reopen, delete, other process).
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL"));
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new ClientStoreException(path, $"Client store '{path}' could not enter WAL mode (journal mode is '{mode}').");
            }

            // FULL: a commit is on disk before it returns, so an acknowledged forget survives power loss.
            Pragma(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            SchemaMigrations.Apply(connection, path, time);
            return new SqliteDatabase(connection, ownership, path, time);
        }
        catch (Exception ex)
        {
            connection.Dispose();
            ownership.Dispose();
            if (ex is SqliteException sqlite) throw StoreErrors.Describe(path, sqlite);
            throw;
        }
    }

    /// <summary>
    /// Two client processes on one data directory would double-train and double-send, so the store
    /// is owned by one process: an OS lock on a side file, released by the OS even if we crash.
    /// </summary>
    private static FileStream ClaimOwnership(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw StoreErrors.InUse(path, ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; rolls back on any exception.</summary>
    public async ValueTask<T> RunAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            using var transaction = _connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a read-only query outside an explicit transaction (one statement, one snapshot).</summary>
    public async ValueTask<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return read(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Waits for the unit of work in flight, so a commit is never cut off by disposal.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
            _ownership.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
