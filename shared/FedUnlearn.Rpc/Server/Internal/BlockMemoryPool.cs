using System.Buffers;
using System.Collections.Concurrent;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>
/// Kestrel's buffer pool with larger blocks than its built-in 4 KiB ones. Every buffer Kestrel
/// fills (socket reads, the HTTP/2 input copy, request body pipes) is one block, so 4 KiB blocks
/// cost a receive syscall and a pipe hand-off per 4 KiB: on 1 MiB messages that was most of the
/// server's CPU. Blocks are pinned (sockets may pin them for I/O) and a bounded number of free
/// ones is kept for reuse; beyond that they are left to the GC.
/// </summary>
internal sealed class BlockMemoryPool(int blockSize, int maxRetainedBlocks) : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;
    private volatile bool _disposed;

    public override int MaxBufferSize => blockSize;

    /// <summary>Blocks waiting in the pool for reuse (for tests).</summary>
    internal int FreeCount => Volatile.Read(ref _freeCount);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, blockSize);
        if (_free.TryDequeue(out Block? block))
        {
            Interlocked.Decrement(ref _freeCount);
            return block;
        }

        return new Block(this, GC.AllocateUninitializedArray<byte>(blockSize, pinned: true));
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
        Volatile.Write(ref _freeCount, 0);
    }

    private void Return(Block block)
    {
        // After disposal, or above the cap, the block is simply dropped for the GC.
        if (_disposed)
        {
            return;
        }

        if (Interlocked.Increment(ref _freeCount) <= maxRetainedBlocks)
        {
            _free.Enqueue(block);
            return;
        }

        Interlocked.Decrement(ref _freeCount);
    }

    private sealed class Block(BlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = array;

        public void Dispose() => pool.Return(this);
    }
}
