using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.V1;
using System.Security.Cryptography;

namespace FedUnlearn.Contracts.Tests.Adapters;

public class AdapterChunkerTests
{
    [Fact]
    public void Split_LargeSet_ChunksOfDeclaredSizeCoverThePayloadWithItsSha()
    {
        var set = AdapterTestData.Large();

        var split = AdapterChunker.Split(set);

        var header = split.Header;
        Assert.Equal(PayloadFormat.Safetensors, header.Format);
        Assert.True(header.TotalSize > 5UL << 20);
        Assert.Equal((ulong)split.Payload.Length, header.TotalSize);
        Assert.Equal((uint)AdapterChunker.MaxChunkSize, header.ChunkSize);
        Assert.Equal((uint)split.Chunks.Count, header.ChunkCount);
        Assert.Equal(SHA256.HashData(split.Payload.Span), header.Sha256.ToByteArray());
        Assert.Equal(Enumerable.Range(0, split.Chunks.Count).Select(i => (uint)i), split.Chunks.Select(c => c.Index));
        Assert.All(split.Chunks.SkipLast(1), c => Assert.Equal(AdapterChunker.MaxChunkSize, c.Data.Length));
        Assert.Equal(split.Payload.ToArray(), split.Chunks.SelectMany(c => c.Data.ToByteArray()).ToArray());
        Assert.Equal(["fc1.lora_A", "fc1.lora_B", "head.bias"], header.Tensors.Select(t => t.Name));
        Assert.Equal([16L, 50_000], header.Tensors[0].Shape);
    }

    [Fact]
    public void Split_SmallChunkSize_RoundTripsThroughAssembler()
    {
        var split = AdapterChunker.Split(AdapterTestData.Small(), chunkSize: 7);
        using var assembler = new AdapterAssembler(split.Header);

        foreach (var chunk in split.Chunks) assembler.Add(chunk);

        Assert.True(split.Chunks.Count > 10);
        Assert.Equal(AdapterTestData.Small().ContentHash(), assembler.CompleteParameterSet().ContentHash());
    }

    [Fact]
    public void Split_EmptyPayload_HasNoChunksAndAssemblesToEmpty()
    {
        var split = AdapterChunker.Split(ReadOnlyMemory<byte>.Empty, []);
        using var assembler = new AdapterAssembler(split.Header);

        Assert.Equal(0U, split.Header.ChunkCount);
        Assert.True(assembler.IsComplete);
        Assert.Equal(0, assembler.Complete().Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AdapterChunker.MaxChunkSize + 1)]
    public void Split_ChunkSizeOutOfRange_Throws(int chunkSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AdapterChunker.Split(AdapterTestData.Small(), chunkSize));
    }

    [Fact]
    public void Encode_EqualSets_GiveEqualBytes()
    {
        Assert.Equal(AdapterPayload.Encode(AdapterTestData.Large()), AdapterPayload.Encode(AdapterTestData.Large()));
    }
}
