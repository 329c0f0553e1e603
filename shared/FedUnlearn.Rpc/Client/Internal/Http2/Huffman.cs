namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// Decodes HPACK Huffman strings (RFC 7541 §5.2) with a binary tree built once from
/// <see cref="HuffmanTable"/>. Headers are small and few per call, so a bit-at-a-time walk is enough.
/// </summary>
internal static class Huffman
{
    private const int EosSymbol = 256;

    // Node i has children Tree[2i] (bit 0) and Tree[2i+1] (bit 1): a value >= 0 is a node index,
    // -1 - symbol is a leaf, int.MinValue is no code.
    private static readonly int[] Tree = Build();

    /// <summary>Appends the decoded bytes of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> source, List<byte> destination)
    {
        int node = 0;
        int depth = 0;        // bits consumed since the last symbol
        bool allOnes = true;  // whether those bits were all 1 (a valid EOS-prefix padding)
        foreach (byte b in source)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                int one = (b >> bit) & 1;
                int next = Tree[(2 * node) + one];
                depth++;
                allOnes &= one == 1;
                if (next == int.MinValue)
                {
                    throw new HpackException("Invalid Huffman code.");
                }

                if (next < 0)
                {
                    int symbol = -1 - next;
                    if (symbol == EosSymbol)
                    {
                        throw new HpackException("Huffman string contains EOS.");
                    }

                    destination.Add((byte)symbol);
                    node = 0;
                    depth = 0;
                    allOnes = true;
                }
                else
                {
                    node = next;
                }
            }
        }

        if (depth > 7 || !allOnes)
        {
            throw new HpackException("Invalid Huffman padding.");
        }
    }

    private static int[] Build()
    {
        ReadOnlySpan<uint> codes = HuffmanTable.Codes;
        ReadOnlySpan<byte> lengths = HuffmanTable.Lengths;
        var tree = new List<int> { int.MinValue, int.MinValue };
        for (int symbol = 0; symbol < codes.Length; symbol++)
        {
            int node = 0;
            for (int bit = lengths[symbol] - 1; bit >= 0; bit--)
            {
                int slot = (2 * node) + (int)((codes[symbol] >> bit) & 1);
                if (bit == 0)
                {
                    tree[slot] = -1 - symbol;
                }
                else
                {
                    if (tree[slot] == int.MinValue)
                    {
                        tree[slot] = tree.Count / 2;
                        tree.Add(int.MinValue);
                        tree.Add(int.MinValue);
                    }

                    node = tree[slot];
                }
            }
        }

        return [.. tree];
    }
}
