using System.Buffers.Binary;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>The 9-byte header in front of every HTTP/2 frame (RFC 9113 §4.1).</summary>
internal readonly record struct FrameHeader(int Length, byte Type, byte Flags, int StreamId)
{
    public bool HasFlag(byte flag) => (Flags & flag) != 0;

    public static FrameHeader Read(ReadOnlySpan<byte> source) => new(
        (source[0] << 16) | (source[1] << 8) | source[2],
        source[3],
        source[4],
        (int)(BinaryPrimitives.ReadUInt32BigEndian(source[5..]) & 0x7FFF_FFFF)); // the reserved bit is ignored

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(Length >> 16);
        destination[1] = (byte)(Length >> 8);
        destination[2] = (byte)Length;
        destination[3] = Type;
        destination[4] = Flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)StreamId);
    }
}
