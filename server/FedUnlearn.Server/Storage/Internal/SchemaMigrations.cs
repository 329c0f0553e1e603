using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// The schema as an ordered list of migrations. <c>schema_version</c> holds how many are applied;
/// each pending one runs in its own transaction together with the version bump, so a crash mid-way
/// leaves a consistent, resumable schema. Never edit a shipped migration: append a new one.
/// </summary>
internal static class SchemaMigrations
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            token_salt BLOB NOT NULL,
            token_hash BLOB NOT NULL,
            created_ms INTEGER NOT NULL,
            last_seen_ms INTEGER);
        CREATE TABLE global_versions (
            version INTEGER PRIMARY KEY,
            blob_hash TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            parent_version INTEGER REFERENCES global_versions(version),
            round INTEGER);
        CREATE TABLE rounds (
            number INTEGER PRIMARY KEY,
            state TEXT NOT NULL,
            started_ms INTEGER NOT NULL,
            closed_ms INTEGER,
            version_in INTEGER NOT NULL REFERENCES global_versions(version),
            version_out INTEGER REFERENCES global_versions(version),
            participants INTEGER NOT NULL DEFAULT 0,
            note TEXT);
        CREATE TABLE tasks (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id TEXT NOT NULL UNIQUE,
            round INTEGER NOT NULL REFERENCES rounds(number),
            client_id TEXT NOT NULL REFERENCES clients(id),
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            submitted_ms INTEGER,
            blob_hash TEXT,
            sample_count INTEGER,
            reason TEXT);
        CREATE INDEX tasks_by_round ON tasks(round);
        CREATE TABLE client_deltas (
            task_id TEXT PRIMARY KEY REFERENCES tasks(task_id),
            round INTEGER NOT NULL,
            client_id TEXT NOT NULL,
            blob_hash TEXT NOT NULL);
        CREATE INDEX client_deltas_by_round ON client_deltas(round);
        """,
        // 2: forget requests, client removal, and what each round did (training, a campaign, an evaluation).
        """
        CREATE TABLE forget_requests (
            ticket_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            key_hash TEXT NOT NULL UNIQUE,
            requested_by TEXT,
            scope TEXT NOT NULL,
            sample_count INTEGER,
            class_label INTEGER,
            target_client TEXT,
            method TEXT NOT NULL,
            reason TEXT NOT NULL,
            state TEXT NOT NULL,
            rounds_planned INTEGER NOT NULL,
            rounds_completed INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            version_before INTEGER,
            hash_before TEXT,
            version_after INTEGER,
            hash_after TEXT,
            step_version INTEGER,
            baseline BLOB,
            verification BLOB,
            metrics TEXT NOT NULL DEFAULT '{}',
            fields TEXT NOT NULL DEFAULT '{}',
            outcome TEXT,
            failure_reason TEXT,
            accepted_audited INTEGER NOT NULL DEFAULT 0,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            running_ms INTEGER,
            verifying_ms INTEGER,
            finished_ms INTEGER);
        CREATE INDEX forget_requests_by_state ON forget_requests(state);
        ALTER TABLE clients ADD COLUMN removed_ms INTEGER;
        ALTER TABLE rounds ADD COLUMN kind TEXT NOT NULL DEFAULT 'train';
        ALTER TABLE rounds ADD COLUMN ticket_id TEXT;
        """,
        // 3: sharded federations: shard adapters are versions too (shard set), each client's shard, and the shard count.
        """
        ALTER TABLE global_versions ADD COLUMN shard INTEGER;
        ALTER TABLE global_versions ADD COLUMN shard_step INTEGER;
        ALTER TABLE global_versions ADD COLUMN shard_samples INTEGER;
        CREATE INDEX global_versions_by_shard ON global_versions(shard, version);
        CREATE TABLE shard_assignments (
            client_id TEXT PRIMARY KEY REFERENCES clients(id),
            shard INTEGER NOT NULL,
            assigned_ms INTEGER NOT NULL);
        CREATE TABLE federation_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        """,
        // 4: a round's client deltas in one pack file (one fsync per round instead of one per delta).
        // client_deltas.blob_hash names either a blob file (older stores) or a pack entry.
        """
        CREATE TABLE delta_packs (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL UNIQUE,
            round INTEGER NOT NULL,
            size INTEGER NOT NULL,
            created_ms INTEGER NOT NULL);
        CREATE INDEX delta_packs_by_round ON delta_packs(round);
        CREATE TABLE pack_entries (
            pack_id INTEGER NOT NULL REFERENCES delta_packs(id),
            payload_offset INTEGER NOT NULL,
            payload_length INTEGER NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (pack_id, payload_offset));
        CREATE INDEX pack_entries_by_hash ON pack_entries(hash);
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Migrations.Length;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await connection.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken));
        if (current > Latest)
            throw new InvalidOperationException($"The store's schema version {current} is newer than this server supports ({Latest}); upgrade the server.");
        for (var v = current; v < Latest; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(Migrations[v], cancellationToken, tx);
            await connection.ExecuteAsync("DELETE FROM schema_version; INSERT INTO schema_version(version) VALUES ($v)", cancellationToken, tx, ("$v", v + 1));
            await tx.CommitAsync(cancellationToken);
        }
    }
}
