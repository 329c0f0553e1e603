using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>SQL for the forget_requests and forget_request_samples tables.</summary>
internal static class ForgetRequestRows
{
    private const string Columns =
        "request_id, scope_kind, class_label, scope_client_id, sample_count, method, reason, state, " +
        "ticket_id, failure_reason, created_at, updated_at, acknowledged_at";

    public static void Insert(SqliteTransaction transaction, LocalForgetRequest request)
    {
        using var insert = Command(transaction.Connection!,
            $"INSERT INTO forget_requests ({Columns}) VALUES ($id, $kind, $label, $client, $count, $method, $reason, " +
            "$state, $ticket, $failure, $created, $updated, $acked)", transaction);
        Bind(insert, request);
        insert.ExecuteNonQuery();
    }

    public static void Update(SqliteTransaction transaction, LocalForgetRequest request)
    {
        using var update = Command(transaction.Connection!,
            "UPDATE forget_requests SET sample_count = $count, state = $state, ticket_id = $ticket, " +
            "failure_reason = $failure, updated_at = $updated, acknowledged_at = $acked WHERE request_id = $id", transaction);
        Bind(update, request);
        update.ExecuteNonQuery();
    }

    /// <summary>
    /// Records <paramref name="sampleIds"/> against the request as they stream past, yielding each
    /// id the first time it is seen, so the caller can tombstone them in the same single pass.
    /// </summary>
    public static IEnumerable<long> InsertSamples(SqliteTransaction transaction, string requestId, IEnumerable<long> sampleIds)
    {
        using var insert = Command(transaction.Connection!,
            "INSERT OR IGNORE INTO forget_request_samples (request_id, sample_id) VALUES ($request, $id)", transaction);
        insert.Parameters.AddWithValue("$request", requestId);
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        insert.Prepare();
        foreach (var sampleId in sampleIds)
        {
            id.Value = sampleId;
            if (insert.ExecuteNonQuery() == 1) yield return sampleId;
        }
    }

    public static long[] SampleIds(SqliteConnection connection, string requestId)
    {
        using var select = Command(connection,
            "SELECT sample_id FROM forget_request_samples WHERE request_id = $request ORDER BY sample_id");
        select.Parameters.AddWithValue("$request", requestId);
        using var reader = select.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return [.. ids];
    }

    public static LocalForgetRequest? FindById(SqliteConnection connection, string requestId, SqliteTransaction? transaction = null) =>
        Find(connection, "request_id", requestId, transaction);

    public static LocalForgetRequest? FindByTicket(SqliteConnection connection, string ticketId) =>
        Find(connection, "ticket_id", ticketId, null);

    private static LocalForgetRequest? Find(SqliteConnection connection, string column, string value, SqliteTransaction? transaction)
    {
        using var select = Command(connection, $"SELECT {Columns} FROM forget_requests WHERE {column} = $value", transaction);
        select.Parameters.AddWithValue("$value", value);
        return Read(select).FirstOrDefault();
    }

    /// <summary>Requests in <paramref name="state"/> (all when null), oldest first.</summary>
    public static List<LocalForgetRequest> List(SqliteConnection connection, LocalForgetState? state)
    {
        using var select = Command(connection,
            $"SELECT {Columns} FROM forget_requests WHERE $state IS NULL OR state = $state ORDER BY created_at, request_id");
        select.Parameters.AddWithValue("$state", state is { } s ? s.ToString() : DBNull.Value);
        return Read(select);
    }

    private static List<LocalForgetRequest> Read(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var rows = new List<LocalForgetRequest>();
        while (reader.Read())
        {
            var scope = LocalForgetScope.FromStored(
                Enum.Parse<ForgetScopeKind>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3));
            rows.Add(new LocalForgetRequest(
                reader.GetString(0), scope, reader.GetInt32(4), reader.GetString(5), reader.GetString(6),
                Enum.Parse<LocalForgetState>(reader.GetString(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                StoreClock.ToTime(reader.GetInt64(10)), StoreClock.ToTime(reader.GetInt64(11)),
                reader.IsDBNull(12) ? null : StoreClock.ToTime(reader.GetInt64(12))));
        }
        return rows;
    }

    private static void Bind(SqliteCommand command, LocalForgetRequest request)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", request.RequestId);
        p.AddWithValue("$kind", request.Scope.Kind.ToString());
        p.AddWithValue("$label", (object?)request.Scope.ClassLabel ?? DBNull.Value);
        p.AddWithValue("$client", (object?)request.Scope.ClientId ?? DBNull.Value);
        p.AddWithValue("$count", request.SampleCount);
        p.AddWithValue("$method", request.Method);
        p.AddWithValue("$reason", request.Reason);
        p.AddWithValue("$state", request.State.ToString());
        p.AddWithValue("$ticket", (object?)request.TicketId ?? DBNull.Value);
        p.AddWithValue("$failure", (object?)request.FailureReason ?? DBNull.Value);
        p.AddWithValue("$created", request.CreatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$updated", request.UpdatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$acked", request.AcknowledgedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
