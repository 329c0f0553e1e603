using System.Text.Json;

namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Parses and validates a safetensors JSON header; every violation is an
/// <see cref="InvalidDataException"/> naming the tensor and field at fault.</summary>
internal static class HeaderReader
{
    public static ParsedHeader Parse(ReadOnlySpan<byte> json)
    {
        var entries = new List<HeaderEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? metadata = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Bad("the header is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (key == SafeTensorsFile.MetadataKey)
                {
                    if (metadata is not null) throw Bad($"'{key}' appears twice");
                    metadata = ReadMetadata(ref reader);
                }
                else
                {
                    if (key.Length == 0) throw Bad("a tensor has an empty name");
                    if (!names.Add(key)) throw Bad($"duplicate tensor name '{key}'");
                    entries.Add(ReadEntry(ref reader, key));
                }
            }
            // Trailing padding must be whitespace: another token makes Read throw.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                throw Bad("unexpected content after the header object");
        }
        catch (JsonException e) { throw Bad($"the header is not valid JSON ({e.Message})", e); }
        catch (InvalidOperationException e) { throw Bad($"the header is not valid UTF-8 JSON ({e.Message})", e); }
        return new ParsedHeader(entries, metadata ?? new(StringComparer.Ordinal), CheckLayout(entries));
    }

    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw Bad($"'{SafeTensorsFile.MetadataKey}' must be an object of strings");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                throw Bad($"metadata value of '{key}' must be a string");
            if (!metadata.TryAdd(key, reader.GetString()!)) throw Bad($"duplicate metadata key '{key}'");
        }
        return metadata;
    }

    private static HeaderEntry ReadEntry(ref Utf8JsonReader reader, string name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw Bad($"tensor '{name}': entry must be an object with dtype, shape and data_offsets");
        string? dtypeName = null;
        long[]? shape = null, offsets = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "dtype" when dtypeName is null:
                    dtypeName = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Bad($"tensor '{name}': 'dtype' must be a string");
                    break;
                case "shape" when shape is null: shape = ReadNumbers(ref reader, name, field); break;
                case "data_offsets" when offsets is null: offsets = ReadNumbers(ref reader, name, field); break;
                case "dtype" or "shape" or "data_offsets": throw Bad($"tensor '{name}': '{field}' appears twice");
                default: throw Bad($"tensor '{name}': unknown field '{field}'");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw Bad($"tensor '{name}': missing '{(dtypeName is null ? "dtype" : shape is null ? "shape" : "data_offsets")}'");
        if (!SafeTensorDTypes.TryParseHeaderName(dtypeName, out var dtype))
            throw Bad($"tensor '{name}': unsupported dtype '{dtypeName}'");
        if (offsets.Length != 2)
            throw Bad($"tensor '{name}': 'data_offsets' must hold exactly [begin, end], got {offsets.Length} numbers");
        return new HeaderEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadNumbers(ref Utf8JsonReader reader, string name, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad($"tensor '{name}': '{field}' must be an array");
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var v) || v < 0)
                throw Bad($"tensor '{name}': '{field}' must hold non-negative integers");
            values.Add(v);
        }
        return [.. values];
    }

    /// <summary>Checks sizes and that the entries tile the data section without gap or overlap;
    /// returns the data section's length.</summary>
    private static long CheckLayout(List<HeaderEntry> entries)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long next = 0;
        HeaderEntry? previous = null;
        foreach (var e in entries)
        {
            var span = $"data_offsets [{e.Begin}, {e.End}]";
            if (e.End < e.Begin) throw Bad($"tensor '{e.Name}': {span} end before they begin");
            long needed;
            try { needed = checked(ShapeMath.ElementCount(e.Shape, e.Name) * SafeTensorDTypes.SizeOf(e.DType)); }
            catch (Exception ex) when (ex is ArgumentException or OverflowException) { throw Bad($"tensor '{e.Name}': shape {ShapeMath.Text(e.Shape)} is too large", ex); }
            if (e.End - e.Begin != needed)
                throw Bad($"tensor '{e.Name}': {span} hold {e.End - e.Begin} bytes but {SafeTensorDTypes.ToHeaderName(e.DType)} × {ShapeMath.Text(e.Shape)} needs {needed}");
            if (e.Begin < next)
                throw Bad($"tensor '{e.Name}': {span} overlap tensor '{previous!.Value.Name}' [{previous.Value.Begin}, {previous.Value.End}]");
            if (e.Begin > next)
                throw Bad($"tensor '{e.Name}': {span} leave a gap after byte {next}; tensor data must be contiguous");
            next = e.End;
            previous = e;
        }
        return next;
    }

    internal static InvalidDataException Bad(string problem, Exception? inner = null) =>
        new($"Invalid safetensors data: {problem}.", inner);
}
