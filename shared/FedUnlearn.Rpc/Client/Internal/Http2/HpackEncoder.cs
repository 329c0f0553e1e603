using System.Buffers;
using System.Text;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// Encodes request headers: an indexed field for exact static-table matches, otherwise a literal
/// without indexing (name from the static table where it has one). No dynamic table and no
/// Huffman: the peer's decoder state never depends on ours, and request headers are a few hundred bytes.
/// </summary>
internal static class HpackEncoder
{
    public static void Encode(string name, string value, ArrayBufferWriter<byte> destination)
    {
        int exact = HpackStaticTable.IndexOf(name, value);
        if (exact != 0)
        {
            WriteInteger(destination, 0x80, 7, exact);
            return;
        }

        int nameIndex = HpackStaticTable.IndexOfName(name);
        WriteInteger(destination, 0x00, 4, nameIndex);
        if (nameIndex == 0)
        {
            WriteString(destination, name);
        }

        WriteString(destination, value);
    }

    private static void WriteString(ArrayBufferWriter<byte> destination, string value)
    {
        int length = Encoding.Latin1.GetByteCount(value);
        WriteInteger(destination, 0x00, 7, length);
        Encoding.Latin1.GetBytes(value, destination.GetSpan(length));
        destination.Advance(length);
    }

    /// <summary>Writes <paramref name="value"/> with an N-bit prefix after the <paramref name="pattern"/> bits.</summary>
    internal static void WriteInteger(ArrayBufferWriter<byte> destination, byte pattern, int prefixBits, int value)
    {
        Span<byte> span = destination.GetSpan(6);
        int max = (1 << prefixBits) - 1;
        if (value < max)
        {
            span[0] = (byte)(pattern | value);
            destination.Advance(1);
            return;
        }

        span[0] = (byte)(pattern | max);
        int written = 1;
        value -= max;
        while (value >= 0x80)
        {
            span[written++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        destination.Advance(written);
    }
}
