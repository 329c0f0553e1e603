using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FedUnlearn.Cli.Simulation.Scenarios.Internal;

/// <summary>The serializer settings of scenario files: strict about names, types and nulls, lenient about comments and trailing commas.</summary>
internal static class ScenarioJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>A token kind in words, for messages.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => token.ToString(),
    };

    /// <summary>What a value of <paramref name="type"/> looks like in JSON, for messages.</summary>
    public static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return "a name";
        if (t == typeof(int) || t == typeof(long)) return "an integer";
        if (t == typeof(ulong)) return "a non-negative integer";
        if (t == typeof(double) || t == typeof(float)) return "a number";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(string)) return "a string";
        if (t == typeof(JsonElement)) return "a value";
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) return "an object";
        if (t != typeof(string) && t.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "a list";
        return "an object";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            IndentSize = 2,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new EnumNameConverterFactory());
        options.MakeReadOnly();
        return options;
    }
}
