using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>Tombstone SQL shared by the tombstone store and forget-request creation (same transaction).</summary>
internal static class TombstoneRows
{
    /// <summary>
    /// Inserts the ids that are not tombstoned yet, inside <paramref name="transaction"/>, and returns
    /// them (the caller publishes them to the in-memory mirror only after the commit).
    /// </summary>
    public static List<long> InsertNew(SqliteTransaction transaction, IEnumerable<long> sampleIds,
        string? requestId, long now, CancellationToken cancellationToken)
    {
        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO tombstones (sample_id, request_id, created_at) VALUES ($id, $request, $now)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        insert.Parameters.AddWithValue("$request", (object?)requestId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", now);
        insert.Prepare();

        var added = new List<long>();
        foreach (var sampleId in sampleIds)
        {
            if ((added.Count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            id.Value = sampleId;
            if (insert.ExecuteNonQuery() == 1) added.Add(sampleId);
        }
        return added;
    }

    public static long[] LoadAll(SqliteConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT sample_id FROM tombstones";
        using var reader = select.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return [.. ids];
    }

    public static TombstoneRecord? Find(SqliteConnection connection, long sampleId)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT request_id, created_at FROM tombstones WHERE sample_id = $id";
        select.Parameters.AddWithValue("$id", sampleId);
        using var reader = select.ExecuteReader();
        if (!reader.Read()) return null;
        var requestId = reader.IsDBNull(0) ? null : reader.GetString(0);
        return new TombstoneRecord(sampleId, requestId, StoreClock.ToTime(reader.GetInt64(1)));
    }
}
