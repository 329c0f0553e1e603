namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Opening, ending and resetting streams; granting receive window as bodies are read.</summary>
internal sealed partial class Http2Connection
{
    /// <summary>Sends the request (its stream slot reserved by <see cref="TryReserveStream"/>) and returns the response once its headers arrive.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var stream = new Http2Stream(this, request, cancellationToken);
        byte[] block = EncodeRequestHeaders(request);
        bool endStream = request.Content is null;
        ReadOnlyMemory<byte> buffered = (request.Content as IBufferedContent)?.Buffer ?? default;
        bool sendBuffered = false;
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _activeStreams--;
            }

            throw;
        }

        try
        {
            lock (_sync)
            {
                if (_failure is not null || _goingAway)
                {
                    _activeStreams--;
                    throw new Http2RetryException();
                }

                stream.Id = _nextStreamId;
                _nextStreamId += 2;
                stream.SendWindow = _peerInitialWindowSize;
                stream.ReceiveWindow = _settings.InitialStreamWindowSize;
                if (!endStream && !buffered.IsEmpty && buffered.Length <= Math.Min(stream.SendWindow, _connectionSendWindow))
                {
                    // Small unary request: HEADERS, DATA and END_STREAM in one write.
                    stream.SendWindow -= buffered.Length;
                    _connectionSendWindow -= buffered.Length;
                    sendBuffered = true;
                }

                stream.RequestEnded = endStream || sendBuffered;
                _streams.Add(stream.Id, stream);
            }

            List<ArraySegment<byte>> frames = BuildHeaderFrames(stream.Id, block, endStream);
            if (sendBuffered)
            {
                frames.AddRange(BuildDataFrames(stream.Id, buffered, endStream: true));
            }

            await SendLockedAsync(frames).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        stream.RegisterCancellation();
        if (request.Content is { } content && !sendBuffered)
        {
            _ = SendBodyAsync(stream, content);
        }

        return await stream.ResponseTask.ConfigureAwait(false);
    }

    /// <summary>Resets the stream with CANCEL (call cancelled, deadline passed) and fails what is pending.</summary>
    public void CancelStream(Http2Stream stream) =>
        ResetStream(stream, Http2ErrorCode.Cancel, new OperationCanceledException("The HTTP/2 request was cancelled.", stream.CancellationToken));

    /// <summary>The application disposed the response: abandon the stream if it is still open.</summary>
    public void OnResponseDisposed(Http2Stream stream)
    {
        ResetStream(stream, Http2ErrorCode.Cancel, new ObjectDisposedException("The HTTP/2 response was disposed."));

        // Body bytes received but never read still hold connection window: give it back, or
        // abandoned responses (a call failing on an oversize message) would starve the connection.
        long unread;
        lock (_sync)
        {
            unread = stream.Unread;
            stream.Unread = 0;
        }

        if (unread > 0)
        {
            _ = OnConnectionDataConsumedAsync(unread);
        }
    }

    /// <summary>The application read <paramref name="count"/> body bytes: grant them back when half a window has been read.</summary>
    public async ValueTask OnDataConsumedAsync(Http2Stream stream, int count)
    {
        int streamIncrement = 0;
        int connectionIncrement = 0;
        lock (_sync)
        {
            stream.Unread -= count;
            _connectionUnacknowledged += count;
            if (_connectionUnacknowledged >= _settings.ConnectionWindowSize / 2)
            {
                connectionIncrement = (int)_connectionUnacknowledged;
                _connectionReceiveWindow += connectionIncrement;
                _connectionUnacknowledged = 0;
            }

            if (!stream.IsClosed && !stream.ResponseEnded)
            {
                stream.Unacknowledged += count;
                if (stream.Unacknowledged >= _settings.InitialStreamWindowSize / 2)
                {
                    streamIncrement = (int)stream.Unacknowledged;
                    stream.ReceiveWindow += streamIncrement;
                    stream.Unacknowledged = 0;
                }
            }
        }

        if (connectionIncrement > 0)
        {
            await SendControlAsync(FrameBuilder.WindowUpdate(0, connectionIncrement)).ConfigureAwait(false);
        }

        if (streamIncrement > 0)
        {
            await SendControlAsync(FrameBuilder.WindowUpdate(stream.Id, streamIncrement)).ConfigureAwait(false);
        }
    }

    private async Task OnConnectionDataConsumedAsync(long count)
    {
        int increment = 0;
        lock (_sync)
        {
            _connectionUnacknowledged += count;
            if (_connectionUnacknowledged >= _settings.ConnectionWindowSize / 2)
            {
                increment = (int)_connectionUnacknowledged;
                _connectionReceiveWindow += increment;
                _connectionUnacknowledged = 0;
            }
        }

        if (increment > 0)
        {
            await SendControlAsync(FrameBuilder.WindowUpdate(0, increment)).ConfigureAwait(false);
        }
    }

    private async Task SendBodyAsync(Http2Stream stream, HttpContent content)
    {
        try
        {
            await content.CopyToAsync(new Http2RequestStream(stream), stream.CancellationToken).ConfigureAwait(false);
            await EndRequestAsync(stream, stream.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ResetStream(stream, Http2ErrorCode.Cancel, ex);
        }
    }

    /// <summary>Sends RST_STREAM unless the stream is already closed, failing its pending work with <paramref name="reason"/>.</summary>
    private void ResetStream(Http2Stream stream, Http2ErrorCode code, Exception reason)
    {
        lock (_sync)
        {
            if (stream.IsClosed || stream.Id == 0)
            {
                return;
            }

            stream.Failure = reason;
        }

        stream.Fail(reason, reason is OperationCanceledException ? reason : new IOException(reason.Message, reason));
        if (Volatile.Read(ref _failure) is null)
        {
            _ = SendControlAsync(FrameBuilder.RstStream(stream.Id, code));
        }

        CloseIfDone(stream);
        SignalWindowChanged();
    }

    /// <summary>Forgets a stream once both sides ended or it was reset; closes a draining connection when its last stream ends.</summary>
    private void CloseIfDone(Http2Stream stream)
    {
        bool drained;
        lock (_sync)
        {
            if (!stream.IsClosed || !_streams.Remove(stream.Id))
            {
                return;
            }

            _activeStreams--;
            drained = _goingAway && _streams.Count == 0;
        }

        stream.DisposeCancellation();
        if (drained)
        {
            Abort(new HttpRequestException(HttpRequestError.ConnectionError, "The server closed the HTTP/2 connection (GOAWAY)."));
        }
    }
}
