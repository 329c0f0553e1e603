using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>
/// The store's schema, as an ordered list of migrations. Each migration runs in its own transaction
/// together with the version bump, so a crash mid-upgrade leaves the previous version intact.
/// Append new migrations; never edit a released one.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>Marks the file as ours ("FUNL"), so a foreign SQLite file is refused rather than altered.</summary>
    public const int ApplicationId = 0x46554E4C;

    private static readonly string[] Steps =
    [
        // Version 1. Times are Unix milliseconds; states and scopes are stored by name for readability.
        """
        CREATE TABLE schema_info (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            version    INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE TABLE forget_requests (
            request_id      TEXT PRIMARY KEY,
            scope_kind      TEXT NOT NULL CHECK (scope_kind IN ('Samples', 'Class', 'Client')),
            class_label     INTEGER,
            scope_client_id TEXT,
            sample_count    INTEGER NOT NULL,
            method          TEXT NOT NULL,
            reason          TEXT NOT NULL,
            state           TEXT NOT NULL,
            ticket_id       TEXT,
            failure_reason  TEXT,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            acknowledged_at INTEGER) WITHOUT ROWID;
        CREATE INDEX forget_requests_by_state ON forget_requests (state, created_at);
        CREATE UNIQUE INDEX forget_requests_by_ticket ON forget_requests (ticket_id) WHERE ticket_id IS NOT NULL;
        CREATE TABLE forget_request_samples (
            request_id TEXT NOT NULL REFERENCES forget_requests (request_id),
            sample_id  INTEGER NOT NULL,
            PRIMARY KEY (request_id, sample_id)) WITHOUT ROWID;
        CREATE TABLE tombstones (
            sample_id  INTEGER PRIMARY KEY,
            request_id TEXT REFERENCES forget_requests (request_id),
            created_at INTEGER NOT NULL);
        CREATE TABLE node_state (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE upload_progress (
            task_id            TEXT PRIMARY KEY,
            bytes_acknowledged INTEGER NOT NULL,
            updated_at         INTEGER NOT NULL) WITHOUT ROWID;
        """,
    ];

    /// <summary>The newest schema version this build reads and writes.</summary>
    public static int LatestVersion => Steps.Length;

    /// <summary>Brings the file at <paramref name="path"/> up to <see cref="LatestVersion"/>.</summary>
    public static void Apply(SqliteConnection connection, string path, TimeProvider time)
    {
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id"));
        var version = ReadVersion(connection, path, applicationId);
        if (version > LatestVersion)
        {
            throw new ClientStoreException(path,
                $"Client store '{path}' has schema version {version}, but this build supports up to version " +
                $"{LatestVersion}. It was written by a newer FedUnlearn; upgrade this client, or point it at another data directory.");
        }

        for (var next = version + 1; next <= LatestVersion; next++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, Steps[next - 1]);
            Execute(connection, transaction,
                $"INSERT INTO schema_info (id, version, updated_at) VALUES (1, {next}, {StoreClock.Now(time)}) " +
                "ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at");
            if (next == 1) Execute(connection, transaction, $"PRAGMA application_id = {ApplicationId}");
            transaction.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection, string path, int applicationId)
    {
        var hasSchemaInfo = Convert.ToInt64(Scalar(connection,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_info'")) > 0;
        if (applicationId == ApplicationId && hasSchemaInfo)
        {
            return Convert.ToInt32(Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_info"));
        }

        var objects = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_schema"));
        if (applicationId == 0 && objects == 0) return 0;
        throw new ClientStoreException(path,
            $"'{path}' is an SQLite database but not a FedUnlearn client store (application id 0x{applicationId:X8}, " +
            $"{objects} schema objects). Refusing to modify it; choose another data directory.");
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
