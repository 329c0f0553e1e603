namespace FedUnlearn.Rpc.Client;

/// <summary>A server-streaming call: enumerate <see cref="ResponseStream"/>. Dispose to cancel.</summary>
public sealed class ServerStreamingCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    internal ServerStreamingCall(IAsyncEnumerable<TResponse> responseStream, Task<Metadata> headers,
        Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseStream = responseStream;
        ResponseHeadersAsync = headers;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>
    /// The responses, read once. Enumeration ends at an OK status and throws
    /// <see cref="RpcException"/> at any other; cancelling its token cancels the call.
    /// </summary>
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
