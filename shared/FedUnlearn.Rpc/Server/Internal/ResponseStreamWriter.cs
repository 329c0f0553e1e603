using Google.Protobuf;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>The response stream handed to server-streaming and duplex handlers.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public ValueTask WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, flush: true, cancellationToken);
}
