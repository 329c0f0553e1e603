using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>
/// Maps <see cref="AuditRecord"/> to its JSON members and back. The record is first written plainly,
/// then passed through <see cref="CanonicalJson"/>: the canonical form has a single definition, shared
/// by the writer and the verifier.
/// </summary>
internal static partial class AuditRecordJson
{
    /// <summary>Always 7 fractional digits and a literal Z, so the text is a function of the instant.</summary>
    public const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    /// <summary>Members excluded from the hash preimage.</summary>
    public static readonly string[] SealMembers = ["hash", "signature"];

    /// <summary>Canonical bytes that are hashed: the record without <c>hash</c> and <c>signature</c>.</summary>
    public static byte[] Preimage(AuditRecord record) => Canonical(record, withSeal: false);

    /// <summary>The stored JSON Lines line: the whole canonical record and a trailing <c>\n</c>.</summary>
    public static byte[] Line(AuditRecord record)
    {
        var json = Canonical(record, withSeal: true);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    public static string FormatTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Round-trip ("R") invariant text; NaN and infinities as "NaN", "Infinity", "-Infinity".</summary>
    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string ScopeName(AuditScopeKind scope) => scope switch
    {
        AuditScopeKind.Samples => "samples",
        AuditScopeKind.Class => "class",
        AuditScopeKind.Client => "client",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown scope kind"),
    };

    private static byte[] Canonical(AuditRecord record, bool withSeal)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
            WriteRecord(writer, record, withSeal);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return CanonicalJson.Serialize(document.RootElement);
    }

    private static void WriteRecord(Utf8JsonWriter w, AuditRecord r, bool withSeal)
    {
        w.WriteStartObject();
        w.WriteNumber("version", AuditRecord.FormatVersion);
        w.WriteNumber("sequence", r.Sequence);
        w.WriteString("recorded_at", FormatTimestamp(r.RecordedAt));
        w.WriteString("kind", r.Kind);
        if (r.TicketId is not null) w.WriteString("ticket_id", r.TicketId);
        w.WriteString("previous_hash", r.PreviousHash);
        w.WriteString("key_id", r.KeyId);
        w.WritePropertyName("body");
        WriteBody(w, r.Body);
        if (withSeal)
        {
            w.WriteString("hash", r.Hash);
            w.WriteString("signature", r.Signature);
        }
        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w, AuditBody b)
    {
        w.WriteStartObject();
        if (b.Request is { } q)
        {
            w.WriteStartObject("request");
            w.WriteString("scope", ScopeName(q.Scope));
            if (q.SampleCount is { } n) w.WriteNumber("sample_count", n);
            if (q.ClassLabel is { } label) w.WriteNumber("class_label", label);
            if (q.ClientId is not null) w.WriteString("client_id", q.ClientId);
            if (q.RequestedBy is not null) w.WriteString("requested_by", q.RequestedBy);
            if (q.Reason is not null) w.WriteString("reason", q.Reason);
            w.WriteEndObject();
        }
        if (b.Method is not null) w.WriteString("method", b.Method);
        if (b.Rounds is { } rounds) w.WriteNumber("rounds", rounds);
        if (b.AdapterHashBefore is not null) w.WriteString("adapter_hash_before", b.AdapterHashBefore);
        if (b.AdapterHashAfter is not null) w.WriteString("adapter_hash_after", b.AdapterHashAfter);
        w.WriteStartObject("metrics");
        foreach (var (name, value) in b.Metrics) w.WriteString(name, FormatDouble(value));
        w.WriteEndObject();
        w.WriteStartObject("fields");
        foreach (var (name, value) in b.Fields) w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
