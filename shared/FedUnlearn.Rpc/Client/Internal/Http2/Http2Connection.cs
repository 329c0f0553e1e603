using System.IO.Pipelines;
using System.Net.Sockets;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// One client HTTP/2 connection (RFC 9113): a read loop that dispatches frames to streams, a
/// write lock that serialises frames, connection and stream flow control, keep-alive pings.
/// Every failure of the connection fails all of its streams; nothing waits forever on a dead one.
/// </summary>
internal sealed partial class Http2Connection : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<int, Http2Stream> _streams = [];
    private readonly Stream _transport;
    private readonly Socket? _socket; // plaintext only: lets a batch of frames go out in one sendmsg
    private readonly PipeReader _reader;
    private readonly Http2ClientSettings _settings;
    private readonly HpackDecoder _decoder;
    private readonly TaskCompletionSource _peerSettings = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<Http2Connection> _onUnusable;
    private int _nextStreamId = 1;
    private int _activeStreams; // reserved or open
    private long _connectionSendWindow = Http2Protocol.DefaultWindowSize;
    private long _connectionReceiveWindow = Http2Protocol.DefaultWindowSize;
    private long _connectionUnacknowledged;
    private int _peerInitialWindowSize = Http2Protocol.DefaultWindowSize;
    private int _peerMaxFrameSize = Http2Protocol.DefaultMaxFrameSize;
    private long _peerMaxConcurrentStreams = 100; // until the peer's SETTINGS: the minimum RFC 9113 recommends servers allow
    private TaskCompletionSource? _windowChanged;
    private Exception? _failure;
    private bool _goingAway;
    private int _disposed;

    internal Http2Connection(Stream transport, Socket? socket, Http2ClientSettings settings, Action<Http2Connection>? onUnusable = null)
    {
        _transport = transport;
        _socket = socket;
        _settings = settings;
        _onUnusable = onUnusable ?? (static _ => { });
        _decoder = new HpackDecoder(maxHeaderListSize: settings.MaxHeaderListSize);
        _reader = PipeReader.Create(transport, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024, leaveOpen: true));
        _writeLock = new SemaphoreSlim(1, 1);
    }

    /// <summary>Whether new streams may still be opened here.</summary>
    public bool IsUsable
    {
        get
        {
            lock (_sync)
            {
                return _failure is null && !_goingAway;
            }
        }
    }

    /// <summary>Sends the preface and our SETTINGS and starts the read loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        byte[] settings = FrameBuilder.Settings(
            (Http2Protocol.EnablePush, 0u),
            (Http2Protocol.InitialWindowSize, (uint)_settings.InitialStreamWindowSize),
            (Http2Protocol.MaxFrameSize, (uint)_settings.MaxFrameSize),
            (Http2Protocol.MaxHeaderListSize, (uint)_settings.MaxHeaderListSize));
        int connectionIncrement = _settings.ConnectionWindowSize - Http2Protocol.DefaultWindowSize;
        byte[] windowUpdate = connectionIncrement > 0 ? FrameBuilder.WindowUpdate(0, connectionIncrement) : [];
        _connectionReceiveWindow = Math.Max(_settings.ConnectionWindowSize, Http2Protocol.DefaultWindowSize);
        byte[] start = [.. Http2Protocol.Preface, .. settings, .. windowUpdate];
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendLockedAsync([new ArraySegment<byte>(start)]).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        _ = ReadLoopAsync();
        StartKeepAlive();

        // Requests may follow our preface at once (RFC 9113 §3.4): waiting for the server's
        // SETTINGS would add a round trip, on a cold server tens of milliseconds, to the first call.
    }

    /// <summary>Counts a new stream against the peer's MAX_CONCURRENT_STREAMS; false when this connection is full or closing.</summary>
    public bool TryReserveStream()
    {
        lock (_sync)
        {
            if (_failure is not null || _goingAway || _activeStreams >= _peerMaxConcurrentStreams || _nextStreamId > int.MaxValue - 2)
            {
                return false;
            }

            _activeStreams++;
            return true;
        }
    }

    /// <summary>Fails every stream and closes the transport.</summary>
    public void Abort(Exception reason)
    {
        List<Http2Stream> streams;
        TaskCompletionSource? waiters;
        lock (_sync)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = reason;
            streams = [.. _streams.Values];
            _streams.Clear();
            waiters = _windowChanged;
            _windowChanged = null;
        }

        foreach (Http2Stream stream in streams)
        {
            stream.Failure ??= reason;
            stream.Fail(ConnectionFailure(reason), new IOException("The HTTP/2 connection failed: " + reason.Message, reason));
            stream.DisposeCancellation();
        }

        waiters?.TrySetResult();
        _peerSettings.TrySetException(ConnectionFailure(reason));
        StopKeepAlive();
        _transport.Dispose();
        _onUnusable(this);
    }

    /// <summary>Closes the connection; running streams fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Abort(new ObjectDisposedException(nameof(Http2Connection), "The channel was disposed."));
        }
    }

    private static HttpRequestException ConnectionFailure(Exception reason) =>
        reason as HttpRequestException ?? new HttpRequestException(HttpRequestError.HttpProtocolError, "The HTTP/2 connection failed: " + reason.Message, reason);

    private void SignalWindowChanged()
    {
        TaskCompletionSource? waiters;
        lock (_sync)
        {
            waiters = _windowChanged;
            _windowChanged = null;
        }

        waiters?.TrySetResult();
    }
}
