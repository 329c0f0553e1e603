using System.Runtime.CompilerServices;

namespace FedUnlearn.Rpc.Client;

/// <summary>A unary call in flight. Await it for the response; dispose it to cancel.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    internal AsyncUnaryCall(Task<TResponse> response, Task<Metadata> headers, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseAsync = response;
        ResponseHeadersAsync = headers;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (custom metadata).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>Lets <c>await call</c> return the response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>The final status; only after the call has finished.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The trailing metadata; only after the call has finished.</summary>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _dispose();
}
