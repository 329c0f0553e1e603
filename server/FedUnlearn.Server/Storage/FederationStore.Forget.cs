using System.Globalization;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<(ForgetRequestRecord Request, bool Created)> AddForgetRequestAsync(ForgetRequestRecord request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.KeyHash);
        return InTransactionAsync(async (c, tx) =>
        {
            // Checked inside the write transaction: of two racing duplicates exactly one inserts.
            if (await ForgetByKeyAsync(c, tx, request.KeyHash, cancellationToken) is { } existing) return (existing, false);
            var seq = (long)(await c.ScalarAsync("SELECT COALESCE(MAX(seq), 0) + 1 FROM forget_requests", cancellationToken, tx))!;
            var ticket = "fgt-" + seq.ToString("D6", CultureInfo.InvariantCulture);
            var now = Now;
            await c.ExecuteAsync(
                """
                INSERT INTO forget_requests (ticket_id, seq, key_hash, requested_by, scope, sample_count, class_label, target_client,
                    method, reason, state, rounds_planned, created_ms, updated_ms)
                VALUES ($t, $seq, $key, $by, $scope, $samples, $label, $target, $method, $reason, $state, $planned, $now, $now)
                """,
                cancellationToken, tx, ("$t", ticket), ("$seq", seq), ("$key", request.KeyHash), ("$by", request.RequestedBy),
                ("$scope", Text(request.Scope)), ("$samples", request.SampleCount), ("$label", request.ClassLabel),
                ("$target", request.TargetClient), ("$method", request.Method), ("$reason", request.Reason),
                ("$state", Text(ForgetRequestState.Accepted)), ("$planned", request.RoundsPlanned), ("$now", now));
            return ((await ForgetAsync(c, tx, ticket, cancellationToken))!, true);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ForgetRequestRecord> UpdateForgetRequestAsync(ForgetRequestRecord request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InTransactionAsync(async (c, tx) =>
        {
            var changed = await c.ExecuteAsync(
                """
                UPDATE forget_requests SET state = $state, rounds_planned = $planned, rounds_completed = $completed, attempts = $attempts,
                    version_before = $vb, hash_before = $hb, version_after = $va, hash_after = $ha, step_version = $step,
                    baseline = $baseline, verification = $verification, metrics = $metrics, fields = $fields, outcome = $outcome,
                    failure_reason = $failure, accepted_audited = MAX(accepted_audited, $audited), updated_ms = $now,
                    running_ms = $running, verifying_ms = $verifying, finished_ms = $finished
                WHERE ticket_id = $t
                """,
                cancellationToken, tx, ("$state", Text(request.State)), ("$planned", request.RoundsPlanned), ("$completed", request.RoundsCompleted),
                ("$attempts", request.Attempts), ("$vb", request.VersionBefore), ("$hb", request.HashBefore), ("$va", request.VersionAfter),
                ("$ha", request.HashAfter), ("$step", request.StepVersion), ("$baseline", request.Baseline), ("$verification", request.Verification),
                ("$metrics", ForgetColumns.WriteMetrics(request.Metrics)), ("$fields", ForgetColumns.WriteFields(request.Fields)),
                ("$outcome", request.Outcome is { } o ? Text(o) : null), ("$failure", request.FailureReason), ("$audited", request.AcceptedAudited ? 1 : 0),
                ("$now", Now), ("$running", Ms(request.RunningAt)), ("$verifying", Ms(request.VerifyingAt)), ("$finished", Ms(request.FinishedAt)),
                ("$t", request.TicketId));
            if (changed == 0) throw new KeyNotFoundException($"No forget request '{request.TicketId}'.");
            return (await ForgetAsync(c, tx, request.TicketId, cancellationToken))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ForgetRequestRecord?> GetForgetRequestAsync(string ticketId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => ForgetAsync(c, null, ticketId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ForgetRequestRecord>> ListForgetRequestsAsync(ForgetRequestState? state, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ForgetRequestRecord>>(async c => await c.QueryAsync(
            "SELECT * FROM forget_requests WHERE $state IS NULL OR state = $state ORDER BY seq DESC", ForgetColumns.Map,
            cancellationToken, null, ("$state", state is { } s ? Text(s) : null)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ForgetRequestRecord>> ListOpenForgetRequestsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ForgetRequestRecord>>(async c => await c.QueryAsync(
            "SELECT * FROM forget_requests WHERE state NOT IN ($completed, $failed) ORDER BY seq", ForgetColumns.Map,
            cancellationToken, null, ("$completed", Text(ForgetRequestState.Completed)), ("$failed", Text(ForgetRequestState.Failed))),
            cancellationToken);

    private static long? Ms(DateTimeOffset? time) => time is { } t ? Millis(t) : null;

    private static async Task<ForgetRequestRecord?> ForgetAsync(SqliteConnection c, SqliteTransaction? tx, string ticketId, CancellationToken cancellationToken) =>
        (await c.QueryAsync("SELECT * FROM forget_requests WHERE ticket_id = $t", ForgetColumns.Map, cancellationToken, tx, ("$t", ticketId))).SingleOrDefault();

    private static async Task<ForgetRequestRecord?> ForgetByKeyAsync(SqliteConnection c, SqliteTransaction? tx, string keyHash, CancellationToken cancellationToken) =>
        (await c.QueryAsync("SELECT * FROM forget_requests WHERE key_hash = $k", ForgetColumns.Map, cancellationToken, tx, ("$k", keyHash))).SingleOrDefault();
}
