using System.Security.Cryptography;
using System.Text;

namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>
/// The ledger file: magic <c>FUAMNL01</c>, options, counters, layout (names, shapes), lost ids, then the
/// batches (sequence, ids, per tensor: count or −1 for dense, ascending indices, values), then the
/// SHA-256 of everything before it. BinaryWriter/Reader are little-endian on every platform.
/// </summary>
internal static class LedgerCodec
{
    private static readonly byte[] Magic = "FUAMNL01"u8.ToArray();

    public static byte[] Encode(AmnesiacLedgerOptions options, LedgerLayout? layout, long nextSequence, long dropped,
        IReadOnlyCollection<long> lost, IReadOnlyCollection<StoredBatch> batches)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(options.TopFraction);
            w.Write(options.MaxBytes);
            w.Write((int)options.Overflow);
            w.Write(nextSequence);
            w.Write(dropped);
            w.Write(layout?.Names.Length ?? 0);
            for (var t = 0; layout is not null && t < layout.Names.Length; t++)
            {
                w.Write(layout.Names[t]);
                w.Write(layout.Shapes[t].Length);
                foreach (var d in layout.Shapes[t]) w.Write(d);
            }

            w.Write(lost.Count);
            foreach (var id in lost.Order()) w.Write(id);
            w.Write(batches.Count);
            foreach (var batch in batches)
            {
                w.Write(batch.Sequence);
                w.Write(batch.Ids.Length);
                foreach (var id in batch.Ids) w.Write(id);
                foreach (var update in batch.Updates)
                {
                    w.Write(update.Indices?.Length ?? -1);
                    foreach (var i in update.Indices ?? []) w.Write(i);
                    foreach (var v in update.Values) w.Write(v);
                }
            }
        }

        var content = stream.ToArray();
        return [.. content, .. SHA256.HashData(content)];
    }

    public static (AmnesiacLedgerOptions Options, LedgerLayout? Layout, long NextSequence, long DroppedBatches, List<long> Lost, List<StoredBatch> Batches)
        Decode(byte[] bytes, string path)
    {
        if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not an amnesiac ledger (bad magic).");
        var content = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new InvalidDataException($"'{path}' is corrupted or truncated: its SHA-256 checksum does not match.");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, Magic.Length, content.Length - Magic.Length), Encoding.UTF8);
            var options = new AmnesiacLedgerOptions { TopFraction = r.ReadDouble(), MaxBytes = r.ReadInt64(), Overflow = (LedgerOverflow)r.ReadInt32() };
            options.Validate();
            var (next, dropped) = (r.ReadInt64(), r.ReadInt64());
            var tensors = Count(r.ReadInt32(), "tensor");
            var names = new string[tensors];
            var shapes = new int[tensors][];
            for (var t = 0; t < tensors; t++)
            {
                names[t] = r.ReadString();
                shapes[t] = new int[Count(r.ReadInt32(), "dimension")];
                for (var d = 0; d < shapes[t].Length; d++) shapes[t][d] = Count(r.ReadInt32(), "size");
            }

            var layout = tensors == 0 ? null : new LedgerLayout(names, shapes);
            var lost = new List<long>();
            for (var i = Count(r.ReadInt32(), "lost id"); i > 0; i--) lost.Add(r.ReadInt64());
            var batches = new List<StoredBatch>();
            for (var b = Count(r.ReadInt32(), "batch"); b > 0; b--) batches.Add(ReadBatch(r, layout!, next));
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException("trailing bytes");
            return (options, layout, next, dropped, lost, batches);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"'{path}' holds an invalid amnesiac ledger: {e.Message}", e);
        }
    }

    private static StoredBatch ReadBatch(BinaryReader r, LedgerLayout layout, long next)
    {
        var sequence = r.ReadInt64();
        if (sequence < 0 || sequence >= next) throw new InvalidDataException($"batch sequence {sequence} outside [0, {next})");
        var ids = new long[Count(r.ReadInt32(), "id")];
        for (var i = 0; i < ids.Length; i++) ids[i] = r.ReadInt64();
        var updates = new SparseUpdate[layout.Names.Length];
        for (var t = 0; t < updates.Length; t++)
        {
            var n = layout.Length(t);
            var k = r.ReadInt32();
            if (k < -1 || k > n) throw new InvalidDataException($"update of '{layout.Names[t]}' claims {k} of {n} values");
            int[]? indices = k < 0 ? null : new int[k];
            for (var i = 0; indices is not null && i < k; i++)
            {
                indices[i] = r.ReadInt32();
                if (indices[i] < 0 || indices[i] >= n || (i > 0 && indices[i] <= indices[i - 1]))
                    throw new InvalidDataException($"update of '{layout.Names[t]}' has index {indices[i]} out of order or range");
            }

            var values = new float[k < 0 ? n : k];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.ReadSingle();
                if (!float.IsFinite(values[i])) throw new InvalidDataException($"update of '{layout.Names[t]}' holds a non-finite value");
            }

            updates[t] = new SparseUpdate(indices, values);
        }

        return new StoredBatch(sequence, ids, updates);
    }

    private static int Count(int value, string what) =>
        value >= 0 ? value : throw new InvalidDataException($"negative {what} count {value}");
}
