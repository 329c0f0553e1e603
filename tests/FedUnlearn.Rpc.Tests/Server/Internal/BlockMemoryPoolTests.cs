using System.Buffers;
using FedUnlearn.Rpc.Server.Internal;

namespace FedUnlearn.Rpc.Tests.Server.Internal;

public sealed class BlockMemoryPoolTests
{
    [Fact]
    public void Rent_SmallRequest_WholeBlock()
    {
        using var pool = new BlockMemoryPool(65_536, maxRetainedBlocks: 4);

        using IMemoryOwner<byte> block = pool.Rent(2048);

        Assert.Equal(65_536, block.Memory.Length);
        Assert.Equal(65_536, pool.MaxBufferSize);
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheSameMemory()
    {
        using var pool = new BlockMemoryPool(8192, maxRetainedBlocks: 4);
        IMemoryOwner<byte> first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using IMemoryOwner<byte> second = pool.Rent();

        Assert.Same(first, second);
        Assert.Equal(42, second.Memory.Span[0]);
        Assert.Equal(0, pool.FreeCount);
    }

    [Fact]
    public void Return_MoreThanRetainedLimit_KeepsOnlyTheLimit()
    {
        using var pool = new BlockMemoryPool(4096, maxRetainedBlocks: 3);
        IMemoryOwner<byte>[] blocks = [.. Enumerable.Range(0, 5).Select(_ => pool.Rent())];

        foreach (IMemoryOwner<byte> block in blocks)
        {
            block.Dispose();
        }

        Assert.Equal(3, pool.FreeCount);
    }

    [Fact]
    public void Rent_LargerThanBlock_Throws()
    {
        using var pool = new BlockMemoryPool(4096, maxRetainedBlocks: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
    }

    [Fact]
    public void Rent_AfterDispose_ThrowsAndLateReturnsAreDropped()
    {
        var pool = new BlockMemoryPool(4096, maxRetainedBlocks: 2);
        IMemoryOwner<byte> block = pool.Rent();
        pool.Dispose();

        block.Dispose();

        Assert.Equal(0, pool.FreeCount);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }
}
