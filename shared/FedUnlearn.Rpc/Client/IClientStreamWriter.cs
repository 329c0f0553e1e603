namespace FedUnlearn.Rpc.Client;

/// <summary>Writes a call's request stream. Writes must not overlap; await each one.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>Sends one message (flushed before the task completes).</summary>
    /// <exception cref="RpcException">The call has already ended (its status is the exception's).</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream (END_STREAM); no writes may follow.</summary>
    Task CompleteAsync();
}
