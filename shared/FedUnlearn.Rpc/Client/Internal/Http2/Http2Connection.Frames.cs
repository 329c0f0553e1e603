using System.Buffers;
using System.Globalization;
using System.Net;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Handlers of the stream frames: DATA, HEADERS, CONTINUATION, RST_STREAM.</summary>
internal sealed partial class Http2Connection
{
    private void OnData(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        ReadPadding(header, ref payload);
        Http2Stream? stream = FindStream(header.StreamId);
        int connectionCredit = 0;
        lock (_sync)
        {
            _connectionReceiveWindow -= header.Length;
            if (_connectionReceiveWindow < 0)
            {
                throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "The server sent more DATA than the connection window allows.");
            }

            if (stream is null || stream.IsClosed)
            {
                // A stream we reset: the application will never read it, give the window straight back.
                _connectionUnacknowledged += header.Length;
                stream = null;
            }
            else
            {
                if (!stream.HeadersReceived || stream.ResponseEnded)
                {
                    throw new Http2StreamException(stream.ResponseEnded ? Http2ErrorCode.StreamClosed : Http2ErrorCode.ProtocolError,
                        stream.ResponseEnded ? "DATA after the end of the response." : "DATA before the response headers.");
                }

                stream.ReceiveWindow -= header.Length;
                if (stream.ReceiveWindow < 0)
                {
                    throw new Http2StreamException(Http2ErrorCode.FlowControlError, "The server sent more DATA than the stream window allows.");
                }

                _connectionUnacknowledged += header.Length - payload.Length; // padding is never read by the application
                stream.Unread += payload.Length;
            }

            if (_connectionUnacknowledged >= _settings.ConnectionWindowSize / 2)
            {
                connectionCredit = (int)_connectionUnacknowledged;
                _connectionReceiveWindow += connectionCredit;
                _connectionUnacknowledged = 0;
            }
        }

        if (connectionCredit > 0)
        {
            _ = SendControlAsync(FrameBuilder.WindowUpdate(0, connectionCredit));
        }

        if (stream is null)
        {
            return;
        }

        if (!payload.IsEmpty)
        {
            stream.WriteBody(payload);
        }

        if (header.HasFlag(Http2Protocol.EndStream))
        {
            EndResponse(stream);
        }
    }

    private void OnHeaders(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        ReadPadding(header, ref payload);
        if (header.HasFlag(Http2Protocol.PriorityFlag))
        {
            if (payload.Length < 5)
            {
                throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "HEADERS too short for its priority fields.");
            }

            payload = payload.Slice(5);
        }

        _headerBlock.ResetWrittenCount();
        AppendHeaderBlock(payload);
        if (header.HasFlag(Http2Protocol.EndHeaders))
        {
            OnHeaderBlock(header.StreamId, header.HasFlag(Http2Protocol.EndStream));
        }
        else
        {
            _continuationStreamId = header.StreamId;
            _continuationEndStream = header.HasFlag(Http2Protocol.EndStream);
        }
    }

    private void OnContinuation(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        if (_continuationStreamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "CONTINUATION without a preceding HEADERS.");
        }

        AppendHeaderBlock(payload);
        if (header.HasFlag(Http2Protocol.EndHeaders))
        {
            _continuationStreamId = 0;
            OnHeaderBlock(header.StreamId, _continuationEndStream);
        }
    }

    private void AppendHeaderBlock(ReadOnlySequence<byte> fragment)
    {
        if (_headerBlock.WrittenCount + fragment.Length > 2L * _settings.MaxHeaderListSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, "The header block is larger than we accept.");
        }

        foreach (ReadOnlyMemory<byte> segment in fragment)
        {
            _headerBlock.Write(segment.Span);
        }
    }

    private void OnHeaderBlock(int streamId, bool endStream)
    {
        var fields = new List<(string Name, string Value)>();
        try
        {
            // Decoded even for streams already closed: the dynamic table must stay in step.
            _decoder.Decode(_headerBlock.WrittenSpan, fields);
        }
        catch (HpackException ex)
        {
            throw new Http2ConnectionException(Http2ErrorCode.CompressionError, ex.Message, ex);
        }

        Http2Stream? stream = FindStream(streamId);
        if (stream is null || stream.IsClosed)
        {
            return;
        }

        if (stream.ResponseEnded)
        {
            throw new Http2StreamException(Http2ErrorCode.StreamClosed, "HEADERS after the end of the response.");
        }

        if (stream.HeadersReceived)
        {
            if (!endStream)
            {
                throw new Http2StreamException(Http2ErrorCode.ProtocolError, "Trailers without END_STREAM.");
            }

            stream.SetTrailers(fields);
            EndResponse(stream);
            return;
        }

        int status = ReadStatus(fields);
        if (status < 200)
        {
            if (endStream)
            {
                throw new Http2StreamException(Http2ErrorCode.ProtocolError, "An informational response with END_STREAM.");
            }

            return; // 1xx: the final response follows
        }

        lock (_sync)
        {
            stream.HeadersReceived = true;
        }

        stream.SetResponse((HttpStatusCode)status, fields);
        if (endStream)
        {
            EndResponse(stream);
        }
    }

    private static int ReadStatus(List<(string Name, string Value)> fields)
    {
        foreach ((string name, string value) in fields)
        {
            if (name == ":status")
            {
                return value.Length == 3 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status >= 100
                    ? status
                    : throw new Http2StreamException(Http2ErrorCode.ProtocolError, $"Invalid :status '{value}'.");
            }
        }

        throw new Http2StreamException(Http2ErrorCode.ProtocolError, "Response headers without :status.");
    }

    /// <summary>The response ended; a request body still being sent is abandoned (the server has answered).</summary>
    private void EndResponse(Http2Stream stream)
    {
        bool abandonRequest;
        lock (_sync)
        {
            stream.ResponseEnded = true;
            abandonRequest = !stream.RequestEnded;
            stream.RequestEnded = true;
        }

        stream.CompleteBody(null);
        if (abandonRequest)
        {
            _ = SendControlAsync(FrameBuilder.RstStream(stream.Id, Http2ErrorCode.Cancel));
            SignalWindowChanged();
        }

        CloseIfDone(stream);
    }

    private void OnRstStream(FrameHeader header, ReadOnlySequence<byte> payload)
    {
        RequireStream(header);
        RequireLength(header, 4);
        var code = (Http2ErrorCode)ReadUInt32(payload, 0);
        Http2Stream? stream = FindStream(header.StreamId);
        if (stream is null)
        {
            return;
        }

        var reset = new HttpProtocolException((long)code, $"The server reset the HTTP/2 stream ({code}).", null);
        lock (_sync)
        {
            if (stream.IsClosed)
            {
                return;
            }

            stream.Failure = reset;
        }

        stream.Fail(reset, reset);
        CloseIfDone(stream);
        SignalWindowChanged();
    }

    private static int ReadPadding(FrameHeader header, ref ReadOnlySequence<byte> payload)
    {
        if (!header.HasFlag(Http2Protocol.Padded))
        {
            return 0;
        }

        if (payload.IsEmpty)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "A padded frame without its pad length.");
        }

        int padding = payload.FirstSpan[0];
        if (padding >= payload.Length)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "Padding as long as the frame.");
        }

        payload = payload.Slice(1, payload.Length - 1 - padding);
        return padding;
    }
}
