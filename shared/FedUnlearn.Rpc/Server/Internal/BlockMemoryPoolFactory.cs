using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>Gives Kestrel's transport a <see cref="BlockMemoryPool"/> (one per listener).</summary>
internal sealed class BlockMemoryPoolFactory(int blockSize, int maxRetainedBytes) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) =>
        new BlockMemoryPool(blockSize, Math.Max(1, maxRetainedBytes / blockSize));
}
