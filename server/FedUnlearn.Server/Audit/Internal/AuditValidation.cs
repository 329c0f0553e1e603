using System.Text.RegularExpressions;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>
/// Rules a record must meet, checked before appending (as <see cref="ArgumentException"/>) and when
/// reading a stored record (as <see cref="FormatException"/>), so nothing unreadable gets signed.
/// </summary>
internal static partial class AuditValidation
{
    public const int MaxTextLength = 4096;

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex LowerHex();

    /// <exception cref="ArgumentException">The input cannot be recorded.</exception>
    public static void ValidateAppend(string kind, string? ticketId, AuditBody body)
    {
        var problem = CheckKind(kind) ?? CheckText("ticket id", ticketId, 128) ?? CheckBody(body);
        if (problem is not null) throw new ArgumentException($"Cannot append audit record: {problem}.");
    }

    /// <exception cref="FormatException">The stored record breaks a rule.</exception>
    public static void ValidateStored(AuditRecord r)
    {
        var problem = CheckKind(r.Kind) ?? CheckText("ticket_id", r.TicketId, 128) ?? CheckBody(r.Body)
            ?? CheckHex("previous_hash", r.PreviousHash, 64) ?? CheckHex("hash", r.Hash, 64)
            ?? CheckHex("key_id", r.KeyId, 16) ?? CheckHex("signature", r.Signature, 128);
        if (problem is not null) throw new FormatException(problem);
    }

    private static string? CheckKind(string kind) =>
        kind is null || kind.Length > 64 || !KindPattern().IsMatch(kind)
            ? $"kind '{kind}' must be dotted lower-case words like 'forget.completed' (at most 64 characters)"
            : null;

    private static string? CheckBody(AuditBody body)
    {
        if (body is null) return "body is null";
        if (body.Rounds is < 0) return $"rounds {body.Rounds} is negative";
        var problem = CheckText("method", body.Method, 64)
            ?? CheckHex("adapter hash before", body.AdapterHashBefore, 64)
            ?? CheckHex("adapter hash after", body.AdapterHashAfter, 64)
            ?? CheckRequest(body.Request);
        if (problem is not null) return problem;
        if (body.Metrics is null || body.Fields is null) return "metrics and fields must not be null";
        foreach (var name in body.Metrics.Keys)
            if (CheckKey("metric", name) is { } p) return p;
        foreach (var (name, value) in body.Fields)
            if ((CheckKey("field", name) ?? (value is null ? $"field '{name}' is null" : null)
                    ?? CheckText($"field '{name}'", value, MaxTextLength, allowEmpty: true)) is { } p) return p;
        return null;
    }

    private static string? CheckRequest(AuditRequestSummary? q)
    {
        if (q is null) return null;
        if (!Enum.IsDefined(q.Scope)) return $"request scope {(int)q.Scope} is unknown";
        if (q.SampleCount is < 0) return $"sample count {q.SampleCount} is negative";
        return CheckText("client id", q.ClientId, 128) ?? CheckText("requested by", q.RequestedBy, 128)
            ?? CheckText("reason", q.Reason, MaxTextLength);
    }

    private static string? CheckKey(string what, string name) =>
        name is not null && CanonicalJson.IsCanonicalKey(name) ? null
            : $"{what} name '{name}' must be 1-128 characters of letters, digits and _ . : / -";

    private static string? CheckHex(string what, string? value, int length) =>
        value is null || (value.Length == length && LowerHex().IsMatch(value)) ? null
            : $"{what} must be {length} lower-case hex characters";

    /// <summary>Null passes; otherwise non-empty, bounded and well-formed UTF-16 (no lone surrogate).</summary>
    private static string? CheckText(string what, string? value, int maxLength, bool allowEmpty = false)
    {
        if (value is null) return null;
        if ((value.Length == 0 && !allowEmpty) || value.Length > maxLength)
            return $"{what} must be {(allowEmpty ? 0 : 1)}-{maxLength} characters";
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return $"{what} contains a lone UTF-16 surrogate";
        }
        return null;
    }
}
