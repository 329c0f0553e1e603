using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>Rows of <c>forget_requests</c> to records; metrics and fields are small JSON objects.</summary>
internal static class ForgetColumns
{
    // Verification figures may be NaN (e.g. MIA without enough samples): keep them rather than fail.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string WriteMetrics(IReadOnlyDictionary<string, double> metrics) =>
        JsonSerializer.Serialize(new SortedDictionary<string, double>(metrics.ToDictionary(), StringComparer.Ordinal), Json);

    public static string WriteFields(IReadOnlyDictionary<string, string> fields) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(fields.ToDictionary(), StringComparer.Ordinal), Json);

    public static ForgetRequestRecord Map(SqliteDataReader r) => new()
    {
        TicketId = (string)r["ticket_id"],
        Sequence = (long)r["seq"],
        KeyHash = (string)r["key_hash"],
        RequestedBy = r.NullableString("requested_by"),
        Scope = Parse<ForgetScopeKind>(r["scope"]),
        SampleCount = r.NullableInt64("sample_count"),
        ClassLabel = r.NullableInt64("class_label") is { } label ? (int)label : null,
        TargetClient = r.NullableString("target_client"),
        Method = (string)r["method"],
        Reason = (string)r["reason"],
        State = Parse<ForgetRequestState>(r["state"]),
        RoundsPlanned = (int)(long)r["rounds_planned"],
        RoundsCompleted = (int)(long)r["rounds_completed"],
        Attempts = (int)(long)r["attempts"],
        VersionBefore = r.NullableInt64("version_before"),
        HashBefore = r.NullableString("hash_before"),
        VersionAfter = r.NullableInt64("version_after"),
        HashAfter = r.NullableString("hash_after"),
        StepVersion = r.NullableInt64("step_version"),
        Baseline = r["baseline"] as byte[],
        Verification = r["verification"] as byte[],
        Metrics = JsonSerializer.Deserialize<Dictionary<string, double>>((string)r["metrics"], Json) ?? [],
        Fields = JsonSerializer.Deserialize<Dictionary<string, string>>((string)r["fields"], Json) ?? [],
        Outcome = r.NullableString("outcome") is { } outcome ? Parse<ForgetRequestState>(outcome) : null,
        FailureReason = r.NullableString("failure_reason"),
        AcceptedAudited = (long)r["accepted_audited"] != 0,
        CreatedAt = Time((long)r["created_ms"]),
        UpdatedAt = Time((long)r["updated_ms"]),
        RunningAt = Time(r.NullableInt64("running_ms")),
        VerifyingAt = Time(r.NullableInt64("verifying_ms")),
        FinishedAt = Time(r.NullableInt64("finished_ms")),
    };
}
