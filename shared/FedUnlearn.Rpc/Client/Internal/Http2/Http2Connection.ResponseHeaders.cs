using System.Buffers;
using System.Globalization;
using System.Net;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Response HEADERS and CONTINUATION: one header block at a time, decoded in arrival order.</summary>
internal sealed partial class Http2Connection
{
    private readonly ArrayBufferWriter<byte> _headerBlock = new();
    private int _continuationStreamId; // non-zero while a header block waits for CONTINUATION
    private bool _continuationEndStream;

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
}
