using System.Buffers.Binary;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Builds the small control frames as byte arrays ready to send.</summary>
internal static class FrameBuilder
{
    public static byte[] Settings(params ReadOnlySpan<(ushort Id, uint Value)> settings)
    {
        var frame = new byte[Http2Protocol.FrameHeaderLength + (6 * settings.Length)];
        new FrameHeader(6 * settings.Length, Http2Protocol.Settings, 0, 0).Write(frame);
        Span<byte> payload = frame.AsSpan(Http2Protocol.FrameHeaderLength);
        for (int i = 0; i < settings.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload[(6 * i)..], settings[i].Id);
            BinaryPrimitives.WriteUInt32BigEndian(payload[((6 * i) + 2)..], settings[i].Value);
        }

        return frame;
    }

    public static byte[] SettingsAck() => Header(0, Http2Protocol.Settings, Http2Protocol.Ack, 0);

    public static byte[] WindowUpdate(int streamId, int increment) => WithUInt32(Http2Protocol.WindowUpdate, 0, streamId, (uint)increment);

    public static byte[] RstStream(int streamId, Http2ErrorCode code) => WithUInt32(Http2Protocol.RstStream, 0, streamId, (uint)code);

    public static byte[] Ping(bool ack, long payload)
    {
        byte[] frame = Header(8, Http2Protocol.Ping, ack ? Http2Protocol.Ack : (byte)0, 0);
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(Http2Protocol.FrameHeaderLength), payload);
        return frame;
    }

    public static byte[] GoAway(int lastStreamId, Http2ErrorCode code)
    {
        byte[] frame = Header(8, Http2Protocol.GoAway, 0, 0);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(Http2Protocol.FrameHeaderLength), lastStreamId);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(Http2Protocol.FrameHeaderLength + 4), (uint)code);
        return frame;
    }

    private static byte[] WithUInt32(byte type, byte flags, int streamId, uint value)
    {
        byte[] frame = Header(4, type, flags, streamId);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(Http2Protocol.FrameHeaderLength), value);
        return frame;
    }

    private static byte[] Header(int length, byte type, byte flags, int streamId)
    {
        var frame = new byte[Http2Protocol.FrameHeaderLength + length];
        new FrameHeader(length, type, flags, streamId).Write(frame);
        return frame;
    }
}
