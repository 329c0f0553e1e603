using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// A small little-endian format until the safetensors codec lands: magic <c>FUPS</c>, u16 version,
/// u16 reserved, i32 tensor count; per tensor i32 name length, UTF-8 name, i32 rank, i32 dims,
/// float32 values. Decoding checks every length against the bytes left before allocating.
/// </summary>
internal sealed class BinaryParameterSetCodec : IParameterSetCodec
{
    private static ReadOnlySpan<byte> Magic => "FUPS"u8;
    private const ushort Version = 1;

    public string Format => "fups-v1";

    public byte[] Encode(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        long size = 12;
        foreach (var t in parameters)
            size += 8 + Encoding.UTF8.GetByteCount(t.Name) + 4L * t.Shape.Length + 4L * t.Data.Length;
        if (size > Array.MaxLength) throw new ArgumentException($"A parameter set of {size} bytes is too large to encode.", nameof(parameters));
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], parameters.Count);
        var at = 12;
        foreach (var t in parameters)
        {
            var nameLength = Encoding.UTF8.GetBytes(t.Name, span[(at + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], nameLength);
            at += 4 + nameLength;
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], t.Shape.Length);
            at += 4;
            foreach (var d in t.Shape) { BinaryPrimitives.WriteInt32LittleEndian(span[at..], d); at += 4; }
            var data = span.Slice(at, 4 * t.Data.Length);
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(t.Data.AsSpan()).CopyTo(data);
            else for (var i = 0; i < t.Data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data[(4 * i)..], t.Data[i]);
            at += data.Length;
        }
        return bytes;
    }

    public ParameterSet Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        if (!reader.Take(4).SequenceEqual(Magic)) throw new InvalidDataException("Not a FUPS parameter blob (bad magic).");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(reader.Take(4));
        if (version != Version) throw new InvalidDataException($"Unsupported FUPS version {version}.");
        var count = reader.Count(1);
        var set = new ParameterSet();
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(reader.Take(reader.Count(1)));
            var shape = new int[reader.Count(4)];
            long elements = 1;
            for (var d = 0; d < shape.Length; d++)
            {
                elements *= shape[d] = reader.Count(0);
                if (elements > Array.MaxLength) throw new InvalidDataException($"Tensor '{name}' claims {elements} values or more.");
            }
            if (elements * 4 > reader.Remaining) throw new InvalidDataException($"Tensor '{name}' claims more values than the blob holds.");
            var data = new float[elements];
            var source = reader.Take(4 * (int)elements);
            if (BitConverter.IsLittleEndian) source.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            else for (var k = 0; k < data.Length; k++) data[k] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * k)..]);
            try { set.Add(name, shape, data); }
            catch (ArgumentException e) { throw new InvalidDataException($"Invalid tensor in blob: {e.Message}", e); }
        }
        if (reader.Remaining != 0) throw new InvalidDataException($"{reader.Remaining} trailing bytes after the last tensor.");
        return set;
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly int Remaining => _rest.Length;

        public ReadOnlySpan<byte> Take(int length)
        {
            if (length > _rest.Length) throw new InvalidDataException("The blob ends early.");
            var taken = _rest[..length];
            _rest = _rest[length..];
            return taken;
        }

        /// <summary>A non-negative i32 whose item size times its value still fits in the bytes left.</summary>
        public int Count(int itemSize)
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
            if (value < 0 || (long)value * itemSize > _rest.Length) throw new InvalidDataException($"Invalid length {value} in blob.");
            return value;
        }
    }
}
