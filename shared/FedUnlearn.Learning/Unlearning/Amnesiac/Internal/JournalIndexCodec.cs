using System.Security.Cryptography;
using System.Text;

namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>The journal index file: magic <c>FUAMJX01</c>, evicted rounds, lost ids, claims, then the SHA-256 of everything before it (little-endian).</summary>
internal static class JournalIndexCodec
{
    private static readonly byte[] Magic = "FUAMJX01"u8.ToArray();

    public static byte[] Encode(JournalIndex index)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            WriteLongs(w, index.Evicted.Order());
            WriteLongs(w, index.Lost.Order());
            w.Write(index.Claims.Count);
            foreach (var (key, batches) in index.Claims.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                w.Write(key);
                w.Write(batches.Count);
                foreach (var (round, sequence) in batches.Order())
                {
                    w.Write(round);
                    w.Write(sequence);
                }
            }
        }

        var content = stream.ToArray();
        return [.. content, .. SHA256.HashData(content)];
    }

    public static JournalIndex Decode(byte[] bytes, string path)
    {
        if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not an amnesiac journal index (bad magic).");
        var content = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new InvalidDataException($"'{path}' is corrupted or truncated: its SHA-256 checksum does not match.");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, Magic.Length, content.Length - Magic.Length), Encoding.UTF8);
            var evicted = ReadLongs(r);
            var lost = ReadLongs(r);
            var claims = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
            for (var c = Count(r.ReadInt32()); c > 0; c--)
            {
                var key = r.ReadString();
                var batches = new List<(long, long)>();
                for (var b = Count(r.ReadInt32()); b > 0; b--) batches.Add((r.ReadInt64(), r.ReadInt64()));
                claims[key] = batches;
            }

            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException("trailing bytes");
            return new JournalIndex(evicted, lost, claims);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}' holds an invalid amnesiac journal index: {e.Message}", e);
        }
    }

    private static void WriteLongs(BinaryWriter w, IEnumerable<long> values)
    {
        var list = values.ToList();
        w.Write(list.Count);
        foreach (var v in list) w.Write(v);
    }

    private static List<long> ReadLongs(BinaryReader r)
    {
        var values = new List<long>();
        for (var i = Count(r.ReadInt32()); i > 0; i--) values.Add(r.ReadInt64());
        return values;
    }

    private static int Count(int value) => value >= 0 ? value : throw new InvalidDataException($"negative count {value}");
}
