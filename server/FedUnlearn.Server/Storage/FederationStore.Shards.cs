using System.Globalization;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    private const string ShardCountSetting = "shards";
    private const string ShardColumns = $"{VersionColumns}, shard, shard_step, shard_samples";

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardVersionRecord>> InitializeShardsAsync(int shards, long initialVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        return InTransactionAsync<IReadOnlyList<ShardVersionRecord>>(async (c, tx) =>
        {
            var recorded = await ShardCountAsync(c, tx, cancellationToken);
            if (recorded is { } k && k != shards)
                throw new InvalidOperationException($"The store's federation is trained with {k} shard(s), not {shards}: a shard count cannot change once training began.");
            if (shards == 1) return [];
            if (recorded is null)
            {
                if (Convert.ToInt64(await c.ScalarAsync("SELECT COUNT(*) FROM global_versions WHERE version > 0", cancellationToken, tx)) > 0)
                    throw new InvalidOperationException($"The store's federation was trained unsharded; it cannot become sharded ({shards} shards). Start from a new data directory.");
                await c.ExecuteAsync("INSERT INTO federation_settings (name, value) VALUES ($name, $value)", cancellationToken, tx,
                    ("$name", ShardCountSetting), ("$value", shards.ToString(CultureInfo.InvariantCulture)));
            }

            var initial = await VersionAsync(c, tx, initialVersion, cancellationToken)
                ?? throw new InvalidOperationException($"The store holds no version {initialVersion} to start the shards from.");
            var existing = (await LatestShardsAsync(c, tx, cancellationToken)).Select(s => s.Shard).ToHashSet();
            for (var shard = 0; shard < shards; shard++)
            {
                if (existing.Contains(shard)) continue;
                var version = await NextVersionAsync(c, tx, cancellationToken);
                await c.ExecuteAsync($"INSERT INTO global_versions ({ShardColumns}) VALUES ($v, $hash, $content, $now, $parent, NULL, $shard, 0, 0)",
                    cancellationToken, tx, ("$v", version), ("$hash", initial.BlobHash), ("$content", initial.ContentHash), ("$now", Now),
                    ("$parent", initial.Version), ("$shard", shard));
            }

            return await LatestShardsAsync(c, tx, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> GetShardCountAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => await ShardCountAsync(c, null, cancellationToken) ?? 1, cancellationToken);

    /// <inheritdoc />
    public Task<int> AssignShardAsync(string clientId, int shard, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        return InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT OR IGNORE INTO shard_assignments (client_id, shard, assigned_ms) VALUES ($id, $shard, $now)",
                cancellationToken, tx, ("$id", clientId), ("$shard", shard), ("$now", Now));
            return Convert.ToInt32(await c.ScalarAsync("SELECT shard FROM shard_assignments WHERE client_id = $id", cancellationToken, tx, ("$id", clientId)));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> ListShardAssignmentsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyDictionary<string, int>>(async c => (await c.QueryAsync("SELECT client_id, shard FROM shard_assignments",
            r => ((string)r["client_id"], (int)(long)r["shard"]), cancellationToken)).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardVersionRecord>> LatestShardVersionsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => LatestShardsAsync(c, null, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardVersionRecord>> ListShardVersionsAsync(int shard, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ShardVersionRecord>>(async c => await c.QueryAsync(
            $"SELECT {ShardColumns} FROM global_versions WHERE shard = $shard ORDER BY version", MapShard, cancellationToken, null, ("$shard", shard)),
            cancellationToken);

    /// <inheritdoc />
    public async Task<GlobalVersionRecord> CommitShardedRoundAsync(long round, IReadOnlyList<ShardCommit> shards, ParameterSet combined, int participants,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(combined);
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        if (shards.Select(s => s.Shard).Distinct().Count() != shards.Count)
            throw new ArgumentException("A round commits at most one version per shard.", nameof(shards));
        var blobs = new List<(ShardCommit Commit, string Hash, string Content)>();
        var holds = new List<IDisposable>();
        try
        {
            foreach (var commit in shards)
            {
                var (hash, hold) = await WriteBlobAsync(commit.Adapter, cancellationToken);
                holds.Add(hold);
                blobs.Add((commit, hash, commit.Adapter.ContentHash()));
            }

            var (combinedHash, combinedHold) = await WriteBlobAsync(combined, cancellationToken);
            holds.Add(combinedHold);
            var combinedContent = combined.ContentHash();
            return await InTransactionAsync(async (c, tx) =>
            {
                var record = await RunningRoundAsync(c, tx, round, cancellationToken);
                var latest = (await LatestVersionAsync(c, tx, cancellationToken))!;
                if (latest.Version != record.GlobalVersionIn)
                    throw new InvalidOperationException($"Round {round} started from version {record.GlobalVersionIn} but version {latest.Version} was committed since.");
                var now = Now;
                var previous = (await LatestShardsAsync(c, tx, cancellationToken)).ToDictionary(s => s.Shard);
                foreach (var (commit, hash, content) in blobs)
                {
                    var version = await NextVersionAsync(c, tx, cancellationToken);
                    await c.ExecuteAsync($"INSERT INTO global_versions ({ShardColumns}) VALUES ($v, $hash, $content, $now, $parent, $round, $shard, $step, $samples)",
                        cancellationToken, tx, ("$v", version), ("$hash", hash), ("$content", content), ("$now", now),
                        ("$parent", previous.TryGetValue(commit.Shard, out var p) ? p.Version.Version : null), ("$round", round),
                        ("$shard", commit.Shard), ("$step", commit.Step), ("$samples", commit.Samples));
                }

                var next = await NextVersionAsync(c, tx, cancellationToken);
                await c.ExecuteAsync($"INSERT INTO global_versions ({VersionColumns}) VALUES ($v, $hash, $content, $now, $parent, $round)",
                    cancellationToken, tx, ("$v", next), ("$hash", combinedHash), ("$content", combinedContent), ("$now", now),
                    ("$parent", record.GlobalVersionIn), ("$round", round));
                await CloseRoundAsync(c, tx, round, RoundState.Committed, next, participants, null, now, cancellationToken);
                return (await VersionAsync(c, tx, next, cancellationToken))!;
            }, cancellationToken);
        }
        finally
        {
            foreach (var hold in holds) hold.Dispose();
        }
    }

    private static async Task<int?> ShardCountAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken cancellationToken) =>
        await c.ScalarAsync("SELECT value FROM federation_settings WHERE name = $name", cancellationToken, tx, ("$name", ShardCountSetting)) is string text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : null;

    private static async Task<IReadOnlyList<ShardVersionRecord>> LatestShardsAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken cancellationToken) =>
        await c.QueryAsync(
            $"SELECT {ShardColumns} FROM global_versions g WHERE shard IS NOT NULL AND version = (SELECT MAX(version) FROM global_versions WHERE shard = g.shard) ORDER BY shard",
            MapShard, cancellationToken, tx);

    private static ShardVersionRecord MapShard(SqliteDataReader r) =>
        new((int)(long)r["shard"], (int)(long)r["shard_step"], (long)r["shard_samples"], MapVersion(r));
}
