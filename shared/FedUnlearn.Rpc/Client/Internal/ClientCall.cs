using System.Net;
using System.Net.Http.Headers;
using FedUnlearn.Rpc.Internal;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>
/// One client call over HttpClient: sends the request, validates the response headers, reads
/// framed messages and finally the status from the trailers (or trailers-only headers).
/// </summary>
internal sealed partial class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private CancellationTokenRegistration _userRegistration;
    private ITimer? _deadlineTimer;
    private volatile bool _deadlineExceeded;
    private StreamingRequestContent? _streamingContent;
    private HttpResponseMessage? _response;
    private MessageReader? _reader;
    private Status? _status;
    private Metadata? _trailers;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
    }

    public Method<TRequest, TResponse> Method => _method;

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public CancellationToken CallToken => _cts.Token;

    public GrpcChannel Channel => _channel;

    public StreamingRequestContent? StreamingContent => _streamingContent;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished yet (no trailers received).");

    /// <summary>Starts a call whose single request is <paramref name="request"/>.</summary>
    public void StartUnary(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Start(new UnaryRequestContent(MessageFraming.WriteToArray(request, _channel.Options.MaxSendMessageSize, _channel.Options.CompressRequests)));
    }

    /// <summary>Starts a call whose requests are written later through <see cref="StreamingContent"/>.</summary>
    public void StartStreaming()
    {
        _streamingContent = new StreamingRequestContent();
        Start(_streamingContent);
    }

    public void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (AggregateException)
        {
            // A callback failed; the call is cancelled regardless.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _status ??= ClientErrors.Cancelled;
        }

        Cancel();
        Cleanup();
    }

    private void Start(HttpContent content)
    {
        TimeSpan? timeout = RemainingTime();
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            // Already past the deadline: fail locally without sending anything.
            content.Dispose();
            _deadlineExceeded = true;
            Fail(new RpcException(ClientErrors.DeadlineExceeded));
            _ = _headers.Task.Exception; // observed: the failure surfaces through the call's tasks
            return;
        }

        if (timeout is { } remaining)
        {
            _deadlineTimer = _channel.Options.TimeProvider.CreateTimer(
                static state => ((ClientCall<TRequest, TResponse>)state!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userRegistration = _options.CancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this);
        }

        HttpRequestMessage request = CreateRequest(content, timeout);
        _ = ReceiveHeadersAsync(_channel.Invoker.SendAsync(request, _cts.Token));
    }

    private HttpRequestMessage CreateRequest(HttpContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        if (_channel.Options.CompressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
        }

        if (timeout is { } t)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if ((_options.BearerToken ?? _channel.Options.BearerToken) is { } token)
        {
            headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        }

        if (_options.Headers is { } metadata)
        {
            foreach (MetadataEntry entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
        }

        return request;
    }

    private TimeSpan? RemainingTime()
    {
        TimeSpan? remaining = _options.Timeout;
        if (_options.Deadline is { } deadline)
        {
            TimeSpan untilDeadline = deadline - _channel.Options.TimeProvider.GetUtcNow();
            remaining = remaining is { } r && r < untilDeadline ? r : untilDeadline;
        }

        return remaining;
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        Cancel();
    }

    private void Cleanup()
    {
        _deadlineTimer?.Dispose();
        _userRegistration.Dispose();
        _response?.Dispose();
    }
}
