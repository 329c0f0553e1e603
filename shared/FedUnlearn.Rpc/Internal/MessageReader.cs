using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Internal;

/// <summary>
/// Reads length-prefixed messages from a pipe, each parsed straight from the pipe's buffers once
/// all of it has arrived: no staging copy. While a message is incomplete the reader marks what it
/// has seen as examined, not consumed. Both pipes this runs on grant more input for examined bytes:
/// Kestrel's HTTP/2 request body sends WINDOW_UPDATE for them, and a <see cref="PipeReader"/> over
/// the client's response stream keeps reading. The declared length is checked against the receive
/// limit before any of the body is awaited, so at most one message of at most that size is held.
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxReceiveSize, bool gzip)
{
    // The one buffer borrowed messages point into (see RequestPayloads.BorrowedUntilNextMessage).
    private byte[]? _borrowed;

    /// <summary>The next message, or null at a clean end of stream.</summary>
    /// <param name="parser">Parses the message.</param>
    /// <param name="cancellationToken">Cancels the wait for input.</param>
    /// <param name="borrowBytes">
    /// Let the message's bytes fields point into a buffer this reader overwrites on the next read
    /// (uncompressed messages only; a compressed one is parsed from its inflated copy as usual).
    /// </param>
    /// <exception cref="RpcException">INTERNAL for a truncated or malformed frame, RESOURCE_EXHAUSTED when too large.</exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken, bool borrowBytes = false)
        where T : class, IMessage<T>
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryReadHeader(buffer, out bool compressed, out int length) && buffer.Length - MessageFraming.HeaderSize >= length)
            {
                ReadOnlySequence<byte> payload = buffer.Slice(MessageFraming.HeaderSize, length);
                try
                {
                    return Parse(parser, payload, compressed, borrowBytes);
                }
                finally
                {
                    reader.AdvanceTo(payload.End);
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

    private T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, bool borrowBytes)
        where T : class, IMessage<T>
    {
        try
        {
            if (!compressed && borrowBytes && payload.Length >= BorrowedBytesParser.MinBorrowedLength)
            {
                return BorrowedBytesParser.Parse(parser, CopyToBorrowed(payload));
            }

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

    // One copy out of the pipe into a buffer reused for every message of the call: no new array
    // to allocate and zero per message. Grown (never shrunk) as messages require; a message that
    // outgrows it keeps the old one, and the buffer is never returned to a pool shared with other
    // calls, so a handler that breaks the borrowing rule sees only this call's own later bytes.
    private ReadOnlyMemory<byte> CopyToBorrowed(ReadOnlySequence<byte> payload)
    {
        int length = (int)payload.Length;
        if (_borrowed is null || _borrowed.Length < length)
        {
            _borrowed = GC.AllocateUninitializedArray<byte>(length);
        }

        payload.CopyTo(_borrowed);
        return _borrowed.AsMemory(0, length);
    }
}
