using System.Text;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// A full HPACK decoder (RFC 7541): static and dynamic tables, Huffman strings, table size
/// updates. One per connection; header blocks must be decoded in the order they arrive, also for
/// streams that were already reset, or the dynamic table goes out of step with the peer's encoder.
/// </summary>
internal sealed class HpackDecoder(int maxTableSize = 4096, int maxHeaderListSize = 1 << 20)
{
    private readonly LinkedList<(string Name, string Value)> _dynamic = new(); // newest first
    private readonly List<byte> _scratch = [];
    private int _tableSize;
    private readonly int _maxTableSize = maxTableSize;
    private int _tableLimit = maxTableSize;

    /// <summary>Current size of the dynamic table in HPACK units (name + value + 32 per entry).</summary>
    public int DynamicTableSize => _tableSize;

    /// <summary>Number of entries in the dynamic table.</summary>
    public int DynamicTableCount => _dynamic.Count;

    /// <summary>Decodes one complete header block into <paramref name="headers"/>.</summary>
    public void Decode(ReadOnlySpan<byte> block, List<(string Name, string Value)> headers)
    {
        int listSize = 0;
        bool headerSeen = false;
        while (!block.IsEmpty)
        {
            byte first = block[0];
            (string Name, string Value) field;
            if ((first & 0x80) != 0)
            {
                field = Lookup(ReadInteger(ref block, 7));
            }
            else if ((first & 0x40) != 0)
            {
                field = ReadLiteral(ref block, 6);
                Add(field);
            }
            else if ((first & 0x20) != 0)
            {
                if (headerSeen)
                {
                    throw new HpackException("Dynamic table size update after a header field.");
                }

                int size = ReadInteger(ref block, 5);
                if (size > _maxTableSize)
                {
                    throw new HpackException($"Dynamic table size update to {size} exceeds the limit {_maxTableSize}.");
                }

                _tableLimit = size;
                Evict(0);
                continue;
            }
            else
            {
                field = ReadLiteral(ref block, 4); // without indexing (0000) or never indexed (0001)
            }

            headerSeen = true;
            listSize += field.Name.Length + field.Value.Length + 32;
            if (listSize > maxHeaderListSize)
            {
                throw new HpackException($"Header list larger than {maxHeaderListSize} bytes.");
            }

            headers.Add(field);
        }
    }

    private (string Name, string Value) ReadLiteral(ref ReadOnlySpan<byte> block, int prefixBits)
    {
        int index = ReadInteger(ref block, prefixBits);
        string name = index == 0 ? ReadString(ref block) : Lookup(index).Name;
        return (name, ReadString(ref block));
    }

    private (string Name, string Value) Lookup(int index)
    {
        if (index <= 0)
        {
            throw new HpackException("Header index 0 is invalid.");
        }

        if (index <= HpackStaticTable.Entries.Length)
        {
            return HpackStaticTable.Entries[index - 1];
        }

        int dynamicIndex = index - HpackStaticTable.Entries.Length - 1;
        if (dynamicIndex >= _dynamic.Count)
        {
            throw new HpackException($"Header index {index} is beyond the tables.");
        }

        LinkedListNode<(string Name, string Value)> node = _dynamic.First!;
        for (int i = 0; i < dynamicIndex; i++)
        {
            node = node.Next!;
        }

        return node.Value;
    }

    private void Add((string Name, string Value) field)
    {
        int size = field.Name.Length + field.Value.Length + 32;
        Evict(size);
        if (size <= _tableLimit)
        {
            // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
            _dynamic.AddFirst(field);
            _tableSize += size;
        }
    }

    private void Evict(int room)
    {
        while (_dynamic.Count > 0 && _tableSize + room > _tableLimit)
        {
            (string name, string value) = _dynamic.Last!.Value;
            _tableSize -= name.Length + value.Length + 32;
            _dynamic.RemoveLast();
        }
    }

    private string ReadString(ref ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty)
        {
            throw new HpackException("Truncated string literal.");
        }

        bool huffman = (block[0] & 0x80) != 0;
        int length = ReadInteger(ref block, 7);
        if (length > block.Length)
        {
            throw new HpackException("String literal longer than the header block.");
        }

        ReadOnlySpan<byte> raw = block[..length];
        block = block[length..];
        if (!huffman)
        {
            return Encoding.Latin1.GetString(raw);
        }

        _scratch.Clear();
        Huffman.Decode(raw, _scratch);
        return Encoding.Latin1.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_scratch));
    }

    /// <summary>Reads an integer with an N-bit prefix (RFC 7541 §5.1).</summary>
    internal static int ReadInteger(ref ReadOnlySpan<byte> block, int prefixBits)
    {
        if (block.IsEmpty)
        {
            throw new HpackException("Truncated integer.");
        }

        int mask = (1 << prefixBits) - 1;
        int value = block[0] & mask;
        block = block[1..];
        if (value < mask)
        {
            return value;
        }

        for (int shift = 0; ; shift += 7)
        {
            if (block.IsEmpty)
            {
                throw new HpackException("Truncated integer.");
            }

            if (shift > 21)
            {
                throw new HpackException("Integer too large.");
            }

            byte b = block[0];
            block = block[1..];
            long next = value + ((long)(b & 0x7F) << shift);
            if (next > int.MaxValue)
            {
                throw new HpackException("Integer too large.");
            }

            value = (int)next;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
