namespace FedUnlearn.Rpc.Client;

/// <summary>A bidirectional call: write requests and read responses independently. Dispose to cancel.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    internal DuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncEnumerable<TResponse> responseStream,
        Task<Metadata> headers, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        ResponseHeadersAsync = headers;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>Where requests are written; call <see cref="IClientStreamWriter{T}.CompleteAsync"/> when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses, read once; throws <see cref="RpcException"/> at a non-OK status.</summary>
    public IAsyncEnumerable<TResponse> ResponseStream { get; }

    /// <summary>The response headers (custom metadata).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The final status; only after the call has finished.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The trailing metadata; only after the call has finished.</summary>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _dispose();
}
