using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>Rows to records, and the text form of enums and times in the database.</summary>
internal static class RecordMapper
{
    public const string RoundColumns = "number, state, started_ms, closed_ms, version_in, version_out, participants, note, kind, ticket_id";
    public const string VersionColumns = "version, blob_hash, content_hash, created_ms, parent_version, round";
    public const string TaskColumns = "task_id, round, client_id, kind, state, created_ms, submitted_ms, blob_hash, sample_count, reason";
    public const string ClientColumns = "id, name, created_ms, last_seen_ms, removed_ms";

    public static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static RoundRecord MapRound(SqliteDataReader r) => new(
        (long)r["number"], Parse<RoundState>(r["state"]), Time((long)r["started_ms"]), Time(r.NullableInt64("closed_ms")),
        (long)r["version_in"], r.NullableInt64("version_out"), (int)(long)r["participants"], r.NullableString("note"))
    {
        Kind = Parse<TaskKind>(r["kind"]),
        TicketId = r.NullableString("ticket_id"),
    };

    public static GlobalVersionRecord MapVersion(SqliteDataReader r) => new(
        (long)r["version"], (string)r["blob_hash"], (string)r["content_hash"], Time((long)r["created_ms"]),
        r.NullableInt64("parent_version"), r.NullableInt64("round"));

    public static TaskRecord MapTask(SqliteDataReader r) => new(
        (string)r["task_id"], (long)r["round"], (string)r["client_id"], Parse<TaskKind>(r["kind"]), Parse<TaskState>(r["state"]),
        Time((long)r["created_ms"]), Time(r.NullableInt64("submitted_ms")), r.NullableString("blob_hash"),
        r.NullableInt64("sample_count"), r.NullableString("reason"));

    public static ClientRecord MapClient(SqliteDataReader r) => new(
        (string)r["id"], (string)r["name"], Time((long)r["created_ms"]), Time(r.NullableInt64("last_seen_ms")))
    {
        RemovedAt = Time(r.NullableInt64("removed_ms")),
    };

    public static TEnum Parse<TEnum>(object text) where TEnum : struct, Enum => Enum.Parse<TEnum>((string)text, ignoreCase: true);

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? Time(long? ms) => ms is { } v ? Time(v) : null;
}
