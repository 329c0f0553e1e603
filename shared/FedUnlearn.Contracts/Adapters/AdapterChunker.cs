using System.Security.Cryptography;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using Google.Protobuf;

namespace FedUnlearn.Contracts.Adapters;

/// <summary>Splits a payload into chunks of at most <see cref="MaxChunkSize"/> bytes with a header
/// carrying the whole payload's size and sha256; <see cref="AdapterAssembler"/> reverses it.</summary>
public static class AdapterChunker
{
    /// <summary>Largest chunk payload: 1 MiB, well under gRPC's default 4 MiB message limit.</summary>
    public const int MaxChunkSize = 1 << 20;

    /// <summary>Encodes <paramref name="set"/> (<see cref="AdapterPayload.Encode"/>) and splits it.</summary>
    public static ChunkedPayload Split(ParameterSet set, int chunkSize = MaxChunkSize) =>
        Split(AdapterPayload.Encode(set), AdapterPayload.Layout(set), chunkSize);

    /// <summary>Splits safetensors <paramref name="payload"/> whose tensors are <paramref name="layout"/>.
    /// The chunks view the payload without copying: do not change it while they are in use.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is not in 1..<see cref="MaxChunkSize"/>.</exception>
    public static ChunkedPayload Split(ReadOnlyMemory<byte> payload, IEnumerable<TensorLayout> layout, int chunkSize = MaxChunkSize)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, MaxChunkSize);
        var count = (payload.Length + chunkSize - 1) / chunkSize;
        var chunks = new AdapterChunk[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * chunkSize;
            var slice = payload.Slice(start, Math.Min(chunkSize, payload.Length - start));
            chunks[i] = new AdapterChunk { Index = (uint)i, Data = UnsafeByteOperations.UnsafeWrap(slice) };
        }
        var header = new PayloadHeader
        {
            Format = PayloadFormat.Safetensors,
            TotalSize = (ulong)payload.Length,
            Sha256 = ByteString.CopyFrom(SHA256.HashData(payload.Span)),
            ChunkSize = (uint)chunkSize,
            ChunkCount = (uint)count,
            Tensors = { layout },
        };
        return new ChunkedPayload(header, chunks, payload);
    }
}
