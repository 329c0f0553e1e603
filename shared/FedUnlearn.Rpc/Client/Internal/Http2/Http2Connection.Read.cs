using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// The read loop: parses frames from the transport and dispatches them. Protocol violations
/// become connection errors (GOAWAY, every stream fails) or stream errors (RST_STREAM). Replies
/// (SETTINGS ACK, PING ACK, WINDOW_UPDATE) are queued on the write lock, never awaited: a writer
/// blocked on a peer that is itself waiting for us to read must not stop the loop from reading.
/// </summary>
internal sealed partial class Http2Connection
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                ReadResult result = await _reader.ReadAsync().ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out FrameHeader header, out ReadOnlySequence<byte> payload))
                {
                    ProcessFrame(header, payload);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new IOException(buffer.IsEmpty ? "The server closed the connection." : "The server closed the connection in the middle of a frame.");
                }
            }
        }
        catch (Http2ConnectionException ex)
        {
            // Best effort: a writer stuck on a peer that stopped reading must not keep us from failing.
            await SendControlAsync(FrameBuilder.GoAway(0, ex.Code)).WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            Abort(ex);
        }
        catch (Exception ex)
        {
            Abort(ex);
        }
        finally
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out FrameHeader header, out ReadOnlySequence<byte> payload)
    {
        header = default;
        payload = default;
        if (buffer.Length < Http2Protocol.FrameHeaderLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Http2Protocol.FrameHeaderLength];
        buffer.Slice(0, Http2Protocol.FrameHeaderLength).CopyTo(bytes);
        header = FrameHeader.Read(bytes);
        if (header.Length > _settings.MaxFrameSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"A {header.Length}-byte frame exceeds our SETTINGS_MAX_FRAME_SIZE {_settings.MaxFrameSize}.");
        }

        if (buffer.Length < Http2Protocol.FrameHeaderLength + header.Length)
        {
            return false;
        }

        payload = buffer.Slice(Http2Protocol.FrameHeaderLength, header.Length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private void ProcessFrame(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if (!_peerSettings.Task.IsCompleted && header.Type != Http2Protocol.Settings)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "The server's first frame was not SETTINGS (is it an HTTP/2 server?).");
        }

        if (_continuationStreamId != 0 && (header.Type != Http2Protocol.Continuation || header.StreamId != _continuationStreamId))
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "Expected a CONTINUATION frame for the open header block.");
        }

        try
        {
            switch (header.Type)
            {
                case Http2Protocol.Data:
                    OnData(header, payload);
                    break;
                case Http2Protocol.Headers:
                    OnHeaders(header, payload);
                    break;
                case Http2Protocol.Continuation:
                    OnContinuation(header, payload);
                    break;
                case Http2Protocol.Priority:
                    RequireStream(header);
                    RequireLength(header, 5);
                    break;
                case Http2Protocol.RstStream:
                    OnRstStream(header, payload);
                    break;
                case Http2Protocol.Settings:
                    OnSettings(header, payload);
                    break;
                case Http2Protocol.PushPromise:
                    throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "PUSH_PROMISE received although SETTINGS_ENABLE_PUSH is 0.");
                case Http2Protocol.Ping:
                    OnPing(header, payload);
                    break;
                case Http2Protocol.GoAway:
                    OnGoAway(header, payload);
                    break;
                case Http2Protocol.WindowUpdate:
                    OnWindowUpdate(header, payload);
                    break;
                default:
                    break; // unknown frame types are ignored (RFC 9113 §4.1)
            }
        }
        catch (Http2StreamException ex)
        {
            Http2Stream? stream;
            lock (_sync)
            {
                _streams.TryGetValue(header.StreamId, out stream);
            }

            if (stream is null)
            {
                _ = SendControlAsync(FrameBuilder.RstStream(header.StreamId, ex.Code));
            }
            else
            {
                ResetStream(stream, ex.Code, new HttpProtocolException((long)ex.Code, ex.Message, null));
            }
        }
    }

    private static void RequireLength(FrameHeader header, int length)
    {
        if (header.Length != length)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"Frame type {header.Type} must be {length} bytes, got {header.Length}.");
        }
    }

    private static void RequireStream(FrameHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Frame type {header.Type} on stream 0.");
        }
    }

    private static void RequireConnection(FrameHeader header)
    {
        if (header.StreamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Frame type {header.Type} on stream {header.StreamId}; it belongs to stream 0.");
        }
    }

    /// <summary>The open stream <paramref name="streamId"/>, null for one already closed; an idle or server-initiated id is a connection error.</summary>
    private Http2Stream? FindStream(int streamId)
    {
        lock (_sync)
        {
            if (_streams.TryGetValue(streamId, out Http2Stream? stream))
            {
                return stream;
            }

            if ((streamId & 1) == 0 || streamId >= _nextStreamId)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Frame for stream {streamId}, which was never opened.");
            }

            return null;
        }
    }

    private static uint ReadUInt32(ReadOnlySequence<byte> payload, int offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        payload.Slice(offset, 4).CopyTo(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
