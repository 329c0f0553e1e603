using System.Buffers;
using System.IO.Pipelines;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// Reads a response body from the stream's pipe and grants the peer window as bytes are consumed.
/// Disposing it before the body ended resets the stream (CANCEL).
/// </summary>
internal sealed class Http2ResponseStream(Http2Stream stream) : Stream
{
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        PipeReader reader = stream.Body.Reader;
        ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        ReadOnlySequence<byte> data = result.Buffer;
        int count = (int)Math.Min(data.Length, buffer.Length);
        data.Slice(0, count).CopyTo(buffer.Span);
        reader.AdvanceTo(data.GetPosition(count));
        if (count > 0)
        {
            await stream.Connection.OnDataConsumedAsync(stream, count).ConfigureAwait(false);
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use ReadAsync: the HTTP/2 client is asynchronous.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            stream.Connection.OnResponseDisposed(stream);
            stream.Body.Reader.Complete();
        }

        base.Dispose(disposing);
    }
}
