using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Writes the length prefix and JSON header of a safetensors file, as the reference writer
/// lays it out: metadata first, tensors in data order, compact JSON padded with spaces to 8 bytes.</summary>
internal static class HeaderWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Non-ASCII names stay readable UTF-8 rather than \u escapes, like serde_json's output.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The tensors in canonical data order: descending dtype alignment, then name.</summary>
    public static List<SafeTensor> CanonicalOrder(IEnumerable<SafeTensor> tensors)
    {
        var ordered = tensors.ToList();
        ordered.Sort((a, b) => a.DType != b.DType ? b.DType.CompareTo(a.DType) : Utf8OrdinalComparer.Instance.Compare(a.Name, b.Name));
        return ordered;
    }

    /// <summary>Prefix plus padded header for <paramref name="ordered"/>, whose data follows in that order.</summary>
    public static byte[] Build(IReadOnlyList<SafeTensor> ordered, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            var sortedMetadata = metadata.OrderBy(kv => kv.Key, Utf8OrdinalComparer.Instance).ToList();
            if (sortedMetadata.Count > 0)
            {
                json.WriteStartObject(SafeTensorsFile.MetadataKey);
                foreach (var (key, value) in sortedMetadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in ordered)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", SafeTensorDTypes.ToHeaderName(t.DType));
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += t.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padded = (buffer.WrittenCount + 7) / 8 * 8;
        var result = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        buffer.WrittenSpan.CopyTo(result.AsSpan(8));
        result.AsSpan(8 + buffer.WrittenCount).Fill((byte)' ');
        return result;
    }
}
