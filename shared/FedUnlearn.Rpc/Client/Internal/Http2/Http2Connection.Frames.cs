using System.Buffers;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Handlers of DATA and RST_STREAM, and the end of a response.</summary>
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
