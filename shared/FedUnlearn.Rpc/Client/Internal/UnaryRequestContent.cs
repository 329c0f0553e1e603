using System.Net;
using FedUnlearn.Rpc.Client.Internal.Http2;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>
/// The single framed request of unary and server-streaming calls, serialized up front. The array
/// is owned, not pooled: SocketsHttpHandler may still be sending it when the call completes.
/// </summary>
internal sealed class UnaryRequestContent(byte[] framed) : HttpContent, IBufferedContent
{
    public ReadOnlyMemory<byte> Buffer => framed;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(framed, cancellationToken).AsTask();

    // No content-length: gRPC peers expect a plain stream of frames.
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
