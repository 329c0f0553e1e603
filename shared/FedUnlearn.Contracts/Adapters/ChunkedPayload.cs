using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Contracts.Adapters;

/// <summary>A payload ready to send: its header, then its chunks in index order.</summary>
/// <param name="Header">Size, sha256, chunking and tensor layout; send it before the chunks.</param>
/// <param name="Chunks">The chunks; their data views <paramref name="Payload"/> without copying.</param>
/// <param name="Payload">The whole payload.</param>
public sealed record ChunkedPayload(PayloadHeader Header, IReadOnlyList<AdapterChunk> Chunks, ReadOnlyMemory<byte> Payload);
