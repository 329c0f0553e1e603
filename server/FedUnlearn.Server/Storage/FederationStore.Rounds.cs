using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    private static readonly string Running = Text(RoundState.Running);

    /// <inheritdoc />
    public async Task<GlobalVersionRecord> InitializeGlobalAsync(ParameterSet initial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (await LatestGlobalVersionAsync(cancellationToken) is { } existing) return existing;
        var (hash, hold) = await WriteBlobAsync(initial, cancellationToken);
        using (hold)
        {
            var contentHash = initial.ContentHash();
            return await InTransactionAsync(async (c, tx) =>
            {
                if (await LatestVersionAsync(c, tx, cancellationToken) is { } raced) return raced;
                await c.ExecuteAsync($"INSERT INTO global_versions ({VersionColumns}) VALUES (0, $hash, $content, $now, NULL, NULL)",
                    cancellationToken, tx, ("$hash", hash), ("$content", contentHash), ("$now", Now));
                return (await LatestVersionAsync(c, tx, cancellationToken))!;
            }, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<RoundRecord> BeginRoundAsync(CancellationToken cancellationToken = default) =>
        BeginRoundAsync(TaskKind.Train, null, cancellationToken);

    /// <inheritdoc />
    public Task<RoundRecord> BeginRoundAsync(TaskKind kind, string? ticketId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            var latest = await LatestVersionAsync(c, tx, cancellationToken)
                ?? throw new InvalidOperationException("The store holds no global version yet; initialise it first.");
            if (await c.ScalarAsync("SELECT number FROM rounds WHERE state = $running LIMIT 1", cancellationToken, tx, ("$running", Running)) is long open)
                throw new InvalidOperationException($"Round {open} is still running; commit or abandon it first.");
            var number = (long)(await c.ScalarAsync("SELECT COALESCE(MAX(number), 0) + 1 FROM rounds", cancellationToken, tx))!;
            await c.ExecuteAsync("INSERT INTO rounds (number, state, started_ms, version_in, kind, ticket_id) VALUES ($n, $running, $now, $in, $kind, $ticket)",
                cancellationToken, tx, ("$n", number), ("$running", Running), ("$now", Now), ("$in", latest.Version),
                ("$kind", Text(kind)), ("$ticket", ticketId));
            return (await RoundAsync(c, tx, number, cancellationToken))!;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<GlobalVersionRecord> CommitRoundAsync(long round, ParameterSet newGlobal, int participants, CancellationToken cancellationToken = default) =>
        CommitRoundAsync(round, newGlobal, participants, [], cancellationToken);

    /// <inheritdoc />
    public async Task<GlobalVersionRecord> CommitRoundAsync(long round, ParameterSet newGlobal, int participants, IReadOnlyList<TaskResult> results,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newGlobal);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        // The deltas' pack and the global's blob are made durable side by side (the file system can
        // join their syncs), both before the one transaction that references them; a crash in between
        // leaves only unreferenced files for PruneAsync.
        var blob = WriteBlobAsync(newGlobal, cancellationToken);
        var seal = SealPacksAsync(results, cancellationToken);
        try
        {
            await Task.WhenAll(seal, blob);
        }
        catch
        {
            if (blob.IsCompletedSuccessfully) (await blob).Hold.Dispose();
            throw;
        }

        var (hash, hold) = await blob;
        using (hold)
        {
            var contentHash = newGlobal.ContentHash();
            return await InTransactionAsync(async (c, tx) =>
            {
                var record = await RunningRoundAsync(c, tx, round, cancellationToken);
                var latest = (await LatestVersionAsync(c, tx, cancellationToken))!;
                if (latest.Version != record.GlobalVersionIn)
                    throw new InvalidOperationException($"Round {round} started from version {record.GlobalVersionIn} but version {latest.Version} was committed since.");
                var version = await NextVersionAsync(c, tx, cancellationToken);
                var now = Now;
                await SubmitInTransactionAsync(c, tx, results, now, cancellationToken);
                await c.ExecuteAsync($"INSERT INTO global_versions ({VersionColumns}) VALUES ($v, $hash, $content, $now, $parent, $round)",
                    cancellationToken, tx, ("$v", version), ("$hash", hash), ("$content", contentHash), ("$now", now),
                    ("$parent", record.GlobalVersionIn), ("$round", round));
                await CloseRoundAsync(c, tx, round, RoundState.Committed, version, participants, null, now, cancellationToken);
                return (await VersionAsync(c, tx, version, cancellationToken))!;
            }, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<RoundRecord> AbandonRoundAsync(long round, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return InTransactionAsync(async (c, tx) =>
        {
            await RunningRoundAsync(c, tx, round, cancellationToken);
            await CloseRoundAsync(c, tx, round, RoundState.Abandoned, null, 0, reason, Now, cancellationToken);
            return (await RoundAsync(c, tx, round, cancellationToken))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> RecoverInterruptedRoundsAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            var open = await c.QueryAsync("SELECT number FROM rounds WHERE state = $running", r => (long)r["number"],
                cancellationToken, tx, ("$running", Running));
            foreach (var round in open)
                await CloseRoundAsync(c, tx, round, RoundState.Abandoned, null, 0,
                    "interrupted: the server stopped before the round committed", Now, cancellationToken);
            return open.Count;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<RoundRecord?> GetRoundAsync(long round, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => RoundAsync(c, null, round, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<RoundRecord?> LatestCommittedRoundAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => (await c.QueryAsync(
            $"SELECT {RoundColumns} FROM rounds WHERE state = $committed AND version_out IS NOT NULL ORDER BY number DESC LIMIT 1", MapRound,
            cancellationToken, null, ("$committed", Text(RoundState.Committed)))).SingleOrDefault(), cancellationToken);

    /// <inheritdoc />
    public Task<GlobalVersionRecord?> LatestGlobalVersionAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => LatestVersionAsync(c, null, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<GlobalVersionRecord?> GetGlobalVersionAsync(long version, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => VersionAsync(c, null, version, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<ParameterSet> LoadGlobalAsync(long version, CancellationToken cancellationToken = default)
    {
        var record = await GetGlobalVersionAsync(version, cancellationToken)
            ?? throw new KeyNotFoundException($"The store holds no global version {version}.");
        return await LoadBlobAsync(record.BlobHash, cancellationToken);
    }

    private async Task CloseRoundAsync(SqliteConnection c, SqliteTransaction tx, long round, RoundState state,
        long? versionOut, int participants, string? note, long now, CancellationToken cancellationToken)
    {
        await c.ExecuteAsync("UPDATE rounds SET state = $state, closed_ms = $now, version_out = $out, participants = $p, note = $note WHERE number = $n",
            cancellationToken, tx, ("$state", Text(state)), ("$now", now), ("$out", versionOut), ("$p", participants), ("$note", note), ("$n", round));
        await c.ExecuteAsync("UPDATE tasks SET state = $expired WHERE round = $n AND state = $assigned",
            cancellationToken, tx, ("$expired", Text(TaskState.Expired)), ("$n", round), ("$assigned", Text(TaskState.Assigned)));
    }

    private static async Task<RoundRecord> RunningRoundAsync(SqliteConnection c, SqliteTransaction tx, long round, CancellationToken cancellationToken)
    {
        var record = await RoundAsync(c, tx, round, cancellationToken) ?? throw new KeyNotFoundException($"The store holds no round {round}.");
        if (record.State != RoundState.Running)
            throw new InvalidOperationException($"Round {round} is {Text(record.State)}, not running.");
        return record;
    }

    private static async Task<RoundRecord?> RoundAsync(SqliteConnection c, SqliteTransaction? tx, long round, CancellationToken cancellationToken) =>
        (await c.QueryAsync($"SELECT {RoundColumns} FROM rounds WHERE number = $n", MapRound, cancellationToken, tx, ("$n", round))).SingleOrDefault();

    private static async Task<GlobalVersionRecord?> LatestVersionAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken cancellationToken) =>
        (await c.QueryAsync($"SELECT {VersionColumns} FROM global_versions WHERE shard IS NULL ORDER BY version DESC LIMIT 1", MapVersion, cancellationToken, tx)).SingleOrDefault();

    /// <summary>The next free version number: shard adapters of a sharded federation share the global versions' numbers.</summary>
    private static async Task<long> NextVersionAsync(SqliteConnection c, SqliteTransaction tx, CancellationToken cancellationToken) =>
        (long)(await c.ScalarAsync("SELECT COALESCE(MAX(version), -1) + 1 FROM global_versions", cancellationToken, tx))!;

    private static async Task<GlobalVersionRecord?> VersionAsync(SqliteConnection c, SqliteTransaction? tx, long version, CancellationToken cancellationToken) =>
        (await c.QueryAsync($"SELECT {VersionColumns} FROM global_versions WHERE version = $v", MapVersion, cancellationToken, tx, ("$v", version))).SingleOrDefault();
}
