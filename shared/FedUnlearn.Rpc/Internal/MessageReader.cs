using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Internal;

/// <summary>
/// Reads length-prefixed messages from a pipe. Small messages are parsed straight from the pipe's
/// buffers. A large message is moved into one rented buffer as it arrives, consuming the pipe as
/// it goes: a reader that only examined would stall HTTP/2 flow control (Kestrel grants window
/// only for consumed bytes) as soon as a message outgrew the stream window.
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxReceiveSize, bool gzip)
{
    // Below this, waiting for the whole frame in the pipe is cheaper than staging it.
    private const int StagingThreshold = 64 * 1024;

    /// <summary>The next message, or null at a clean end of stream.</summary>
    /// <exception cref="RpcException">INTERNAL for a truncated or malformed frame, RESOURCE_EXHAUSTED when too large.</exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryReadHeader(buffer, out bool compressed, out int length))
            {
                if (buffer.Length - MessageFraming.HeaderSize >= length)
                {
                    ReadOnlySequence<byte> payload = buffer.Slice(MessageFraming.HeaderSize, length);
                    try
                    {
                        return Parse(parser, payload, compressed);
                    }
                    finally
                    {
                        reader.AdvanceTo(payload.End);
                    }
                }

                if (length >= StagingThreshold)
                {
                    reader.AdvanceTo(buffer.GetPosition(MessageFraming.HeaderSize));
                    return await ReadStagedAsync(parser, compressed, length, cancellationToken).ConfigureAwait(false);
                }
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.Length == 0
                    ? null
                    : throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed frame.");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async ValueTask<T> ReadStagedAsync<T>(MessageParser<T> parser, bool compressed, int length, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        byte[] staged = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int filled = 0;
            while (filled < length)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> chunk = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, length - filled));
                chunk.CopyTo(staged.AsSpan(filled));
                filled += (int)chunk.Length;
                reader.AdvanceTo(chunk.End);
                if (filled < length && result.IsCompleted)
                {
                    throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed frame.");
                }

                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return Parse(parser, new ReadOnlySequence<byte>(staged, 0, length), compressed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(staged);
        }
    }

    private bool TryReadHeader(ReadOnlySequence<byte> buffer, out bool compressed, out int length)
    {
        compressed = false;
        length = 0;
        if (buffer.Length < MessageFraming.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[MessageFraming.HeaderSize];
        buffer.Slice(0, MessageFraming.HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {header[0]} in a message frame."),
        };
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (declared > (uint)maxReceiveSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({declared} > {maxReceiveSize} bytes).");
        }

        length = (int)declared;
        return true;
    }

    private T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : class, IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return payload.IsSingleSegment ? parser.ParseFrom(payload.FirstSpan) : parser.ParseFrom(payload);
            }

            if (!gzip)
            {
                throw new RpcException(StatusCode.Internal, "A message has the compressed flag set but the call declared no grpc-encoding.");
            }

            (byte[] inflated, int length) = GzipCodec.Decompress(payload, maxReceiveSize);
            try
            {
                return parser.ParseFrom(inflated.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(inflated);
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize a message: " + ex.Message), innerException: ex);
        }
    }
}
