using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FedUnlearn.Cli.Simulation.Scenarios.Internal;

/// <summary>
/// Enums as lower-case names (<see cref="JsonStringEnumMemberNameAttribute"/> or the member name in
/// kebab case), rejecting anything else with a message that lists the allowed names. Numbers are
/// refused: a scenario file should say "dirichlet", not 1.
/// </summary>
internal sealed class EnumNameConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<T, string> _byValue = [];

        public Converter()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? JsonNamingPolicy.KebabCaseLower.ConvertName(field.Name);
                var value = (T)field.GetValue(null)!;
                _byName[name] = value;
                _byValue[value] = name;
            }
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is not null && _byName.TryGetValue(text, out var value)) return value;
            var got = text is null ? ScenarioJson.Describe(reader.TokenType) : $"'{text}'";
            throw new ScenarioValueException($"{got} is not one of: {string.Join(", ", _byName.Keys)}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(_byValue.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}."));
    }
}
