using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>
/// The one canonical JSON form used for hashing and for the stored lines (spec: Audit/README.md).
/// It equals Python's <c>json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)</c>
/// for the values it accepts: objects with keys sorted by code point, no whitespace, strings escaped
/// to pure ASCII, integers only (doubles travel as strings, so no float formatting is involved).
/// </summary>
internal static class CanonicalJson
{
    private const int MaxDepth = 16;

    /// <summary>Canonical bytes of <paramref name="root"/>, leaving out the named top-level members.</summary>
    /// <exception cref="FormatException">The value is outside the canonical subset.</exception>
    public static byte[] Serialize(JsonElement root, params ReadOnlySpan<string> excludedTopLevel)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
            Write(writer, root, excludedTopLevel, depth: 0);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, ReadOnlySpan<string> excluded, int depth)
    {
        if (depth > MaxDepth) throw new FormatException($"nesting deeper than {MaxDepth}");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var members = new List<JsonProperty>();
                foreach (var p in element.EnumerateObject())
                    if (!excluded.Contains(p.Name)) members.Add(p);
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 0; i < members.Count; i++)
                {
                    var name = members[i].Name;
                    if (i > 0 && members[i - 1].Name == name) throw new FormatException($"duplicate member '{name}'");
                    if (!IsCanonicalKey(name)) throw new FormatException($"member name '{name}' has characters outside [A-Za-z0-9_.:/-]");
                    writer.WritePropertyName(name);
                    Write(writer, members[i].Value, [], depth + 1);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item, [], depth + 1);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteRawValue(EscapeString(ReadString(element)), skipInputValidation: true);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!IsCanonicalInteger(raw)) throw new FormatException($"number '{raw}' is not a canonical integer");
                writer.WriteRawValue(raw, skipInputValidation: true);
                break;
            case JsonValueKind.True: writer.WriteBooleanValue(true); break;
            case JsonValueKind.False: writer.WriteBooleanValue(false); break;
            case JsonValueKind.Null: writer.WriteNullValue(); break;
            default: throw new FormatException($"unexpected JSON {element.ValueKind}");
        }
    }

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("string is not valid UTF-16 (lone surrogate)", e);
        }
    }

    /// <summary>
    /// A JSON string literal in pure ASCII: <c>\" \\ \b \f \n \r \t</c> short escapes, other UTF-16
    /// code units outside 0x20..0x7E as <c>\uxxxx</c> with lower-case hex (as Python's ensure_ascii).
    /// </summary>
    public static byte[] EscapeString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c >= 0x20 && c <= 0x7E) sb.Append(c);
                    else sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        return Encoding.ASCII.GetBytes(sb.Append('"').ToString());
    }

    /// <summary>Keys the writer emits unescaped: letters, digits and <c>_ . : / -</c>, 1 to 128 characters.</summary>
    public static bool IsCanonicalKey(string name)
    {
        if (name.Length is 0 or > 128) return false;
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/' or '-')) return false;
        return true;
    }

    private static bool IsCanonicalInteger(string raw)
    {
        var digits = raw.StartsWith('-') ? raw.AsSpan(1) : raw.AsSpan();
        if (digits.IsEmpty || digits.Length > 19) return false;
        if (digits[0] == '0') return digits.Length == 1 && raw.Length == 1;
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
