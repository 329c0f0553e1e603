using FedUnlearn.Server.Storage.Internal;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<RoundRecord> CompleteRoundAsync(long round, int participants, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        return InTransactionAsync(async (c, tx) =>
        {
            await RunningRoundAsync(c, tx, round, cancellationToken);
            await CloseRoundAsync(c, tx, round, RoundState.Committed, null, participants, null, Now, cancellationToken);
            return (await RoundAsync(c, tx, round, cancellationToken))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountCommittedRoundsAsync(TaskKind kind, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => Convert.ToInt32(await c.ScalarAsync(
            "SELECT COUNT(*) FROM rounds WHERE state = $committed AND kind = $kind AND version_out IS NOT NULL",
            cancellationToken, null, ("$committed", Text(RoundState.Committed)), ("$kind", Text(kind)))), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RoundContribution>> ListContributionsAsync(long round, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<RoundContribution>>(async c => await c.QueryAsync(
            """
            SELECT t.task_id, t.client_id, COALESCE(t.sample_count, 0) AS samples, d.blob_hash
            FROM tasks t LEFT JOIN client_deltas d ON d.task_id = t.task_id
            WHERE t.round = $r AND t.state = $submitted AND t.kind != $evaluate
            ORDER BY t.seq
            """,
            r => new RoundContribution((string)r["task_id"], (string)r["client_id"], (long)r["samples"], r.NullableString("blob_hash")),
            cancellationToken, null, ("$r", round), ("$submitted", Text(TaskState.Submitted)), ("$evaluate", Text(TaskKind.Evaluate))),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RoundRecord>> ListCommittedRoundsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<RoundRecord>>(async c => await c.QueryAsync(
            $"SELECT {RoundColumns} FROM rounds WHERE state = $committed AND version_out IS NOT NULL ORDER BY number", MapRound,
            cancellationToken, null, ("$committed", Text(RoundState.Committed))), cancellationToken);

    /// <inheritdoc />
    public Task<ClientRecord?> FindClientByNameAsync(string name, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => (await c.QueryAsync($"SELECT {ClientColumns} FROM clients WHERE name = $name",
            MapClient, cancellationToken, null, ("$name", name))).SingleOrDefault(), cancellationToken);

    /// <inheritdoc />
    public Task<ClientRecord> RemoveClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            // Idempotent: a second removal keeps the first time.
            await c.ExecuteAsync("UPDATE clients SET removed_ms = COALESCE(removed_ms, $now) WHERE id = $id",
                cancellationToken, tx, ("$now", Now), ("$id", clientId));
            return (await c.QueryAsync($"SELECT {ClientColumns} FROM clients WHERE id = $id", MapClient, cancellationToken, tx, ("$id", clientId)))
                .SingleOrDefault() ?? throw new KeyNotFoundException($"No client '{clientId}'.");
        }, cancellationToken);
}
