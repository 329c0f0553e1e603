using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Client.Storage.Internal;

/// <summary>SQL for the node_state key-value table and the upload_progress table.</summary>
internal static class NodeStateRows
{
    public static string? Get(SqliteConnection connection, string key) =>
        Scalar(connection, "SELECT value FROM node_state WHERE key = $key", ("$key", key)) as string;

    public static void Set(SqliteTransaction tx, string key, string? value, long now)
    {
        if (value is null)
        {
            Execute(tx, "DELETE FROM node_state WHERE key = $key", ("$key", key));
            return;
        }

        Execute(tx, "INSERT INTO node_state (key, value, updated_at) VALUES ($key, $value, $now) " +
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            ("$key", key), ("$value", value), ("$now", now));
    }

    public static long? GetUpload(SqliteConnection connection, string taskId) =>
        Scalar(connection, "SELECT bytes_acknowledged FROM upload_progress WHERE task_id = $task", ("$task", taskId)) is long bytes
            ? bytes
            : null;

    public static void SetUpload(SqliteTransaction tx, string taskId, long bytes, long now) =>
        Execute(tx, "INSERT INTO upload_progress (task_id, bytes_acknowledged, updated_at) VALUES ($task, $bytes, $now) " +
            "ON CONFLICT (task_id) DO UPDATE SET bytes_acknowledged = excluded.bytes_acknowledged, updated_at = excluded.updated_at",
            ("$task", taskId), ("$bytes", bytes), ("$now", now));

    public static bool DeleteUpload(SqliteTransaction tx, string taskId) =>
        Execute(tx, "DELETE FROM upload_progress WHERE task_id = $task", ("$task", taskId)) == 1;

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }

    private static int Execute(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
