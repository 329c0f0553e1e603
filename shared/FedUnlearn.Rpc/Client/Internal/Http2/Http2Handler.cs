namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// An <see cref="HttpMessageHandler"/> speaking HTTP/2 only (h2c with prior knowledge for http,
/// TLS + ALPN h2 for https), sized for gRPC: large DATA frames, one socket write per batch of
/// frames. Streams share a connection until the peer's MAX_CONCURRENT_STREAMS, then another opens.
/// </summary>
internal sealed class Http2Handler(Http2ClientSettings settings) : HttpMessageHandler
{
    private const int MaxAttempts = 3;

    private readonly object _sync = new();
    private readonly Dictionary<string, List<Http2Connection>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<Http2Connection>> _connecting = new(StringComparer.Ordinal);
    private bool _disposed;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{uri}' is not an absolute http:// or https:// address.", nameof(request));
        }

        for (int attempt = 1; ; attempt++)
        {
            Http2Connection connection = await AcquireAsync(uri, cancellationToken).ConfigureAwait(false);
            try
            {
                return await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Http2RetryException ex) when (attempt < MaxAttempts)
            {
                _ = ex; // the connection closed before our HEADERS went out: nothing was sent, try another
            }
            catch (Http2RetryException ex)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, ex.Message, ex);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            List<Http2Connection> all;
            lock (_sync)
            {
                _disposed = true;
                all = [.. _connections.Values.SelectMany(c => c)];
                _connections.Clear();
            }

            foreach (Http2Connection connection in all)
            {
                connection.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>A connection with a stream reserved on it, opening one when all are full.</summary>
    private async Task<Http2Connection> AcquireAsync(Uri uri, CancellationToken cancellationToken)
    {
        string key = uri.GetLeftPart(UriPartial.Authority);
        while (true)
        {
            Task<Http2Connection> pending;
            lock (_sync)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_connections.TryGetValue(key, out List<Http2Connection>? list))
                {
                    foreach (Http2Connection candidate in list)
                    {
                        if (candidate.TryReserveStream())
                        {
                            return candidate;
                        }
                    }
                }

                if (!_connecting.TryGetValue(key, out pending!))
                {
                    pending = ConnectAsync(key, new Uri(key));
                    _connecting[key] = pending;
                }
            }

            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Http2Connection> ConnectAsync(string key, Uri address)
    {
        await Task.Yield(); // run outside the caller's lock
        try
        {
            Http2Connection connection = await Http2Connector.ConnectAsync(address, settings, c => Remove(key, c)).ConfigureAwait(false);
            bool disposed;
            lock (_sync)
            {
                disposed = _disposed;
                if (!disposed)
                {
                    if (!_connections.TryGetValue(key, out List<Http2Connection>? list))
                    {
                        _connections[key] = list = [];
                    }

                    list.Add(connection);
                }
            }

            if (disposed)
            {
                connection.Dispose();
            }

            return connection;
        }
        finally
        {
            lock (_sync)
            {
                _connecting.Remove(key);
            }
        }
    }

    private void Remove(string key, Http2Connection connection)
    {
        lock (_sync)
        {
            if (_connections.TryGetValue(key, out List<Http2Connection>? list))
            {
                list.Remove(connection);
            }
        }
    }
}
