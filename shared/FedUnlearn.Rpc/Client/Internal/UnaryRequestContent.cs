using System.Buffers;
using System.Net;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>The single framed request of unary and server-streaming calls, serialized up front.</summary>
internal sealed class UnaryRequestContent(byte[] rented, int length) : HttpContent
{
    private byte[]? _buffer = rented;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, length), cancellationToken).AsTask();

    // No content-length: gRPC peers expect a plain stream of frames.
    protected override bool TryComputeLength(out long computed)
    {
        computed = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
