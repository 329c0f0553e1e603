using System.Globalization;
using System.Text.Json;

namespace FedUnlearn.Server.Audit.Internal;

internal static partial class AuditRecordJson
{
    private static readonly string[] RecordMembers =
        ["version", "sequence", "recorded_at", "kind", "ticket_id", "previous_hash", "key_id", "body", "hash", "signature"];
    private static readonly string[] BodyMembers =
        ["request", "method", "rounds", "adapter_hash_before", "adapter_hash_after", "metrics", "fields"];
    private static readonly string[] RequestMembers =
        ["scope", "sample_count", "class_label", "client_id", "requested_by", "reason"];

    /// <summary>Strictly reads a stored record: every required member, no unknown member, valid values.</summary>
    /// <exception cref="FormatException">With a message naming the offending member.</exception>
    public static AuditRecord Parse(JsonElement root)
    {
        RequireObject(root, "record", RecordMembers);
        var version = GetInt64(root, "version");
        if (version != AuditRecord.FormatVersion) throw new FormatException($"unsupported record version {version}");
        var sequence = GetInt64(root, "sequence");
        if (sequence < 1) throw new FormatException($"sequence {sequence} is not positive");
        var recordedAt = ParseTimestamp(GetString(root, "recorded_at"));
        var record = new AuditRecord(
            sequence, recordedAt, GetString(root, "kind"), GetOptionalString(root, "ticket_id"),
            ParseBody(Get(root, "body")), GetString(root, "previous_hash"), GetString(root, "key_id"),
            GetString(root, "hash"), GetString(root, "signature"));
        AuditValidation.ValidateStored(record);
        return record;
    }

    private static AuditBody ParseBody(JsonElement body)
    {
        RequireObject(body, "body", BodyMembers);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var metricsElement = Get(body, "metrics");
        RequireObject(metricsElement, "metrics", null);
        foreach (var m in metricsElement.EnumerateObject())
            metrics[m.Name] = ParseDouble(m.Name, m.Value);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var fieldsElement = Get(body, "fields");
        RequireObject(fieldsElement, "fields", null);
        foreach (var f in fieldsElement.EnumerateObject())
            fields[f.Name] = f.Value.ValueKind == JsonValueKind.String
                ? f.Value.GetString()! : throw new FormatException($"field '{f.Name}' is not a string");
        return new AuditBody
        {
            Request = body.TryGetProperty("request", out var q) ? ParseRequest(q) : null,
            Method = GetOptionalString(body, "method"),
            Rounds = body.TryGetProperty("rounds", out _) ? checked((int)GetInt64(body, "rounds")) : null,
            AdapterHashBefore = GetOptionalString(body, "adapter_hash_before"),
            AdapterHashAfter = GetOptionalString(body, "adapter_hash_after"),
            Metrics = metrics,
            Fields = fields,
        };
    }

    private static AuditRequestSummary ParseRequest(JsonElement q)
    {
        RequireObject(q, "request", RequestMembers);
        var scope = GetString(q, "scope") switch
        {
            "samples" => AuditScopeKind.Samples,
            "class" => AuditScopeKind.Class,
            "client" => AuditScopeKind.Client,
            var other => throw new FormatException($"unknown request scope '{other}'"),
        };
        return new AuditRequestSummary(scope)
        {
            SampleCount = q.TryGetProperty("sample_count", out _) ? GetInt64(q, "sample_count") : null,
            ClassLabel = q.TryGetProperty("class_label", out _) ? checked((int)GetInt64(q, "class_label")) : null,
            ClientId = GetOptionalString(q, "client_id"),
            RequestedBy = GetOptionalString(q, "requested_by"),
            Reason = GetOptionalString(q, "reason"),
        };
    }

    public static DateTimeOffset ParseTimestamp(string text)
    {
        if (!DateTime.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            throw new FormatException($"recorded_at '{text}' is not yyyy-MM-ddTHH:mm:ss.fffffffZ");
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    private static double ParseDouble(string name, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            throw new FormatException($"metric '{name}' is not a number string");
        if (FormatDouble(d) != text) throw new FormatException($"metric '{name}' value '{text}' is not in round-trip form");
        return d;
    }

    private static void RequireObject(JsonElement e, string what, string[]? allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"{what} is not a JSON object");
        if (allowed is null) return;
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(allowed, p.Name) < 0) throw new FormatException($"{what} has unknown member '{p.Name}'");
    }

    private static JsonElement Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new FormatException($"missing member '{name}'");

    private static string GetString(JsonElement e, string name)
    {
        var v = Get(e, name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"'{name}' is not a string");
    }

    private static string? GetOptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out _) ? GetString(e, name) : null;

    private static long GetInt64(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n)
            ? n : throw new FormatException($"'{name}' is not an integer");
}
