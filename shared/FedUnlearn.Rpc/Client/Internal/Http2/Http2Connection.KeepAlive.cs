namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// Keep-alive: while streams are open, a PING every <see cref="Http2ClientSettings.KeepAlivePingDelay"/>;
/// no ACK within <see cref="Http2ClientSettings.KeepAlivePingTimeout"/> fails the connection.
/// </summary>
internal sealed partial class Http2Connection
{
    private ITimer? _pingTimer;
    private ITimer? _pingTimeout;
    private long _pingPayload;
    private bool _pingOutstanding;

    private void StartKeepAlive() =>
        _pingTimer = _settings.TimeProvider.CreateTimer(static s => ((Http2Connection)s!).OnKeepAliveTick(), this,
            _settings.KeepAlivePingDelay, _settings.KeepAlivePingDelay);

    private void StopKeepAlive()
    {
        lock (_sync)
        {
            _pingTimer?.Dispose();
            _pingTimeout?.Dispose();
        }
    }

    private void OnKeepAliveTick()
    {
        long payload;
        lock (_sync)
        {
            if (_failure is not null || _streams.Count == 0 || _pingOutstanding)
            {
                return;
            }

            _pingOutstanding = true;
            payload = ++_pingPayload;
            _pingTimeout?.Dispose();
            _pingTimeout = _settings.TimeProvider.CreateTimer(static s => ((Http2Connection)s!).OnPingTimeout(), this,
                _settings.KeepAlivePingTimeout, Timeout.InfiniteTimeSpan);
        }

        _ = SendControlAsync(FrameBuilder.Ping(ack: false, payload));
    }

    private void OnPingAck(long payload)
    {
        lock (_sync)
        {
            if (_pingOutstanding && payload == _pingPayload)
            {
                _pingOutstanding = false;
                _pingTimeout?.Dispose();
                _pingTimeout = null;
            }
        }
    }

    private void OnPingTimeout()
    {
        bool expired;
        lock (_sync)
        {
            expired = _pingOutstanding;
        }

        if (expired)
        {
            Abort(new HttpRequestException(HttpRequestError.ConnectionError, "The server did not answer a keep-alive PING in time."));
        }
    }
}
