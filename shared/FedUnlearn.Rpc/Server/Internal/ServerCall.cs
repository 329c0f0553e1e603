using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Internal;
using Microsoft.AspNetCore.Http;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>One call's protocol state on the server: deadline, request reader, response writer, status.</summary>
internal sealed partial class ServerCall : IDisposable
{
    // CancellationTokenSource timers cannot exceed ~49 days; longer timeouts mean "no deadline".
    private static readonly TimeSpan MaxTimerTimeout = TimeSpan.FromDays(30);

    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource? _linkedCts;
    private Metadata? _requestHeaders;
    private MessageReader? _reader;

    public ServerCall(HttpContext http, string methodPath, GrpcServerOptions options)
    {
        _http = http;
        _options = options;
        MethodPath = methodPath;
        Context = new ServerCallContext(this);
        TimeSpan? timeout = GrpcTimeout.Parse(http.Request.Headers[GrpcProtocol.TimeoutHeader]);
        if (timeout is { } t && t < MaxTimerTimeout)
        {
            Deadline = options.TimeProvider.GetUtcNow() + t;
            _deadlineCts = new CancellationTokenSource(t, options.TimeProvider);
            _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadlineCts.Token);
            CancellationToken = _linkedCts.Token;
        }
        else
        {
            CancellationToken = http.RequestAborted;
        }

        RequestGzip = string.Equals(http.Request.Headers[GrpcProtocol.EncodingHeader], GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase);
        CompressResponses = options.CompressResponses
            && GrpcProtocol.Accepts(http.Request.Headers[GrpcProtocol.AcceptEncodingHeader], GrpcProtocol.Gzip);
    }

    public ServerCallContext Context { get; }

    public string MethodPath { get; }

    public DateTimeOffset? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public bool DeadlineExceeded => _deadlineCts?.IsCancellationRequested == true;

    public bool ClientAborted => _http.RequestAborted.IsCancellationRequested;

    public bool RequestGzip { get; }

    public bool CompressResponses { get; }

    public string Peer
    {
        get
        {
            ConnectionInfo connection = _http.Connection;
            if (connection.RemoteIpAddress is null)
            {
                return "unknown";
            }

            return connection.RemoteIpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"ipv6:[{connection.RemoteIpAddress}]:{connection.RemotePort}"
                : $"ipv4:{connection.RemoteIpAddress}:{connection.RemotePort}";
        }
    }

    public X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    public Metadata RequestHeaders
    {
        get
        {
            if (_requestHeaders is null)
            {
                _requestHeaders = new Metadata();
                foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in _http.Request.Headers)
                {
                    MetadataHeaders.AddReceived(_requestHeaders, header.Key, header.Value);
                }
            }

            return _requestHeaders;
        }
    }

    public MessageReader Reader => _reader ??= new MessageReader(_http.Request.BodyReader, _options.MaxReceiveMessageSize, RequestGzip);

    public GrpcServerOptions Options => _options;

    public void Dispose()
    {
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }
}
