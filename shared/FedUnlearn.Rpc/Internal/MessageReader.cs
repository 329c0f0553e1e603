using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Internal;

/// <summary>
/// Reads length-prefixed messages from a pipe, parsing straight from the pipe's buffers. Shared by
/// the server (Kestrel's request body) and the client (the response body).
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxReceiveSize, bool gzip)
{
    /// <summary>The next message, or null at a clean end of stream.</summary>
    /// <exception cref="RpcException">INTERNAL for a truncated or malformed frame, RESOURCE_EXHAUSTED when too large.</exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryReadFrame(buffer, out bool compressed, out ReadOnlySequence<byte> payload))
            {
                T message;
                try
                {
                    message = Parse(parser, payload, compressed);
                }
                finally
                {
                    reader.AdvanceTo(payload.End);
                }

                return message;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return null;
                }

                throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed frame.");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryReadFrame(ReadOnlySequence<byte> buffer, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
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
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxReceiveSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxReceiveSize} bytes).");
        }

        if (buffer.Length - MessageFraming.HeaderSize < length)
        {
            return false;
        }

        payload = buffer.Slice(MessageFraming.HeaderSize, length);
        return true;
    }

    private T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : class, IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
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
