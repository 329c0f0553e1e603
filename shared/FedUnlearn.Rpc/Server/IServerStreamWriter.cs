namespace FedUnlearn.Rpc.Server;

/// <summary>Writes a server's response stream. Writes must not overlap; await each one.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message (flushed to the network before the task completes).</summary>
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}
