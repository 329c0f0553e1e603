using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace FedUnlearn.Cli.Simulation.Scenarios.Internal;

/// <summary>
/// Turns the serializer's exceptions into <see cref="ScenarioError"/>s that name the field in the
/// scenario's own terms: the JSON path without <c>$.</c>, the line, and what was expected there.
/// </summary>
internal static partial class JsonErrorTranslator
{
    public static ScenarioError Translate(JsonException ex)
    {
        var segments = ParsePath(ex.Path);
        var path = FormatPath(segments);
        int? line = ex.LineNumber is { } l ? (int)l + 1 : null;
        int? column = ex.BytePositionInLine is { } c ? (int)c + 1 : null;

        // Our converters' messages are already meant for people; the reader's syntax errors carry
        // their own text; anything else is a name or type mismatch we can describe from the model.
        var own = ex as ScenarioValueException ?? ex.InnerException as ScenarioValueException;
        if (own is not null) return new(path, own.Message, line, column);
        if (ex.InnerException is JsonException syntax) return new(path, StripPosition(syntax.Message), line, column);

        var (parent, target) = Walk(segments);
        if (target is null && parent is { Kind: JsonTypeInfoKind.Object } && segments.Count > 0 && segments[^1] is string unknown)
        {
            var known = parent.Properties.Select(p => p.Name).ToList();
            var hint = Suggest(unknown, known) is { } near ? $"did you mean '{near}'? " : "";
            return new(path, $"unknown property '{unknown}' ({hint}known: {string.Join(", ", known)})", line, column);
        }

        return target is null
            ? new(path, StripPosition(ex.Message), line, column)
            : new(path, $"expected {ScenarioJson.Expected(target)}{(IsNullRefusal(ex) ? ", not null" : "")}", line, column);
    }

    /// <summary>Path segments: property names as strings, list indices as ints.</summary>
    public static List<object> ParsePath(string? path)
    {
        var segments = new List<object>();
        foreach (Match m in PathSegment().Matches(path ?? ""))
        {
            if (m.Groups["name"].Success) segments.Add(m.Groups["name"].Value);
            else if (m.Groups["quoted"].Success) segments.Add(m.Groups["quoted"].Value.Replace("''", "'"));
            else segments.Add(int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return segments;
    }

    /// <summary><c>forgetRequests[1].label</c>-style text.</summary>
    public static string FormatPath(IEnumerable<object> segments)
    {
        var text = new System.Text.StringBuilder();
        foreach (var s in segments)
        {
            if (s is int i) text.Append('[').Append(i).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append((string)s);
        }

        return text.ToString();
    }

    /// <summary>The type info of the path's parent and the CLR type at the path (null when the last name is unknown).</summary>
    private static (JsonTypeInfo? Parent, Type? Target) Walk(List<object> segments)
    {
        var info = ScenarioJson.Options.GetTypeInfo(typeof(Scenario));
        Type type = typeof(Scenario);
        JsonTypeInfo? parent = null;
        foreach (var segment in segments)
        {
            parent = info;
            Type? next = info.Kind switch
            {
                JsonTypeInfoKind.Object when segment is string name => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                JsonTypeInfoKind.Enumerable when segment is int => info.ElementType,
                JsonTypeInfoKind.Dictionary when segment is string => info.ElementType,
                _ => null,
            };
            if (next is null) return (parent, null);
            type = next;
            info = ScenarioJson.Options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        }

        return (parent, type);
    }

    private static string? Suggest(string name, List<string> known) =>
        known.Select(k => (k, d: Distance.Levenshtein(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.d <= Math.Max(2, name.Length / 4)).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    // The serializer has no typed signal for a null refused by RespectNullableAnnotations.
    private static bool IsNullRefusal(JsonException ex) => ex.Message.Contains("null value", StringComparison.Ordinal);

    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd(' ', '.', '|');
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
