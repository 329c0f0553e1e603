using System.Buffers;
using System.Buffers.Binary;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Handlers of the connection frames: SETTINGS, PING, GOAWAY, WINDOW_UPDATE.</summary>
internal sealed partial class Http2Connection
{
    private void OnSettings(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireConnection(header);
        if (header.HasFlag(Http2Protocol.Ack))
        {
            RequireLength(header, 0);
            return;
        }

        if (header.Length % 6 != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"SETTINGS length {header.Length} is not a multiple of 6.");
        }

        byte[] bytes = payload.ToArray();
        lock (_sync)
        {
            for (int i = 0; i < bytes.Length; i += 6)
            {
                ApplySetting(BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i + 2)));
            }
        }

        SignalWindowChanged();
        _ = SendControlAsync(FrameBuilder.SettingsAck());
        _peerSettings.TrySetResult();
    }

    private void ApplySetting(ushort id, uint value)
    {
        switch (id)
        {
            case Http2Protocol.EnablePush when value > 1:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"SETTINGS_ENABLE_PUSH {value}.");
            case Http2Protocol.MaxConcurrentStreams:
                _peerMaxConcurrentStreams = value;
                break;
            case Http2Protocol.InitialWindowSize:
                if (value > Http2Protocol.MaxWindowSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"SETTINGS_INITIAL_WINDOW_SIZE {value} exceeds 2^31-1.");
                }

                // The change applies to every open stream's window (RFC 9113 §6.9.2).
                int delta = (int)value - _peerInitialWindowSize;
                _peerInitialWindowSize = (int)value;
                foreach (Http2Stream stream in _streams.Values)
                {
                    stream.SendWindow += delta;
                    if (stream.SendWindow > Http2Protocol.MaxWindowSize)
                    {
                        throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "A stream window exceeds 2^31-1 after SETTINGS_INITIAL_WINDOW_SIZE.");
                    }
                }

                break;
            case Http2Protocol.MaxFrameSize:
                if (value < Http2Protocol.DefaultMaxFrameSize || value > Http2Protocol.MaxAllowedFrameSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"SETTINGS_MAX_FRAME_SIZE {value} is outside 16384..16777215.");
                }

                Volatile.Write(ref _peerMaxFrameSize, (int)value);
                break;
            default:
                break; // HEADER_TABLE_SIZE (our encoder keeps no dynamic table), MAX_HEADER_LIST_SIZE, unknown ids
        }
    }

    private void OnPing(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireConnection(header);
        RequireLength(header, 8);
        Span<byte> bytes = stackalloc byte[8];
        payload.CopyTo(bytes);
        long data = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (header.HasFlag(Http2Protocol.Ack))
        {
            OnPingAck(data);
        }
        else
        {
            _ = SendControlAsync(FrameBuilder.Ping(ack: true, data));
        }
    }

    private void OnGoAway(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireConnection(header);
        if (header.Length < 8)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "GOAWAY shorter than 8 bytes.");
        }

        int lastStreamId = (int)(ReadUInt32(payload, 0) & 0x7FFF_FFFF);
        var code = (Http2ErrorCode)ReadUInt32(payload, 4);
        List<Http2Stream> refused;
        bool drained;
        lock (_sync)
        {
            _goingAway = true;
            refused = [.. _streams.Values.Where(s => s.Id > lastStreamId)];
            drained = _streams.Count == refused.Count;
        }

        _onUnusable(this);
        var reason = new HttpRequestException(HttpRequestError.ConnectionError,
            $"The server is closing the HTTP/2 connection (GOAWAY {code}); the request was not processed and can be retried.");
        foreach (Http2Stream stream in refused)
        {
            lock (_sync)
            {
                stream.Failure ??= reason;
            }

            stream.Fail(reason, new IOException(reason.Message, reason));
            CloseIfDone(stream);
        }

        if (drained)
        {
            Abort(new HttpRequestException(HttpRequestError.ConnectionError, $"The server closed the HTTP/2 connection (GOAWAY {code})."));
        }
    }

    private void OnWindowUpdate(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireLength(header, 4);
        int increment = (int)(ReadUInt32(payload, 0) & 0x7FFF_FFFF);
        if (header.StreamId == 0)
        {
            if (increment == 0)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "Connection WINDOW_UPDATE with increment 0.");
            }

            lock (_sync)
            {
                _connectionSendWindow += increment;
                if (_connectionSendWindow > Http2Protocol.MaxWindowSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "The connection window exceeds 2^31-1.");
                }
            }
        }
        else
        {
            Http2Stream? stream = FindStream(header.StreamId);
            if (increment == 0)
            {
                throw new Http2StreamException(Http2ErrorCode.ProtocolError, "Stream WINDOW_UPDATE with increment 0.");
            }

            if (stream is null)
            {
                return;
            }

            lock (_sync)
            {
                stream.SendWindow += increment;
                if (stream.SendWindow > Http2Protocol.MaxWindowSize)
                {
                    throw new Http2StreamException(Http2ErrorCode.FlowControlError, "The stream window exceeds 2^31-1.");
                }
            }
        }

        SignalWindowChanged();
    }
}
