using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.V1;
using Google.Protobuf;

namespace FedUnlearn.Contracts.Tests.Adapters;

public class AdapterAssemblerTests
{
    private static readonly ChunkedPayload Large = AdapterChunker.Split(AdapterTestData.Large());

    private static string Error(Action action) => Assert.Throws<InvalidDataException>(action).Message;

    private static AdapterAssembler Assembler(PayloadHeader? header = null, long? max = null) =>
        new(header ?? Large.Header, max is { } m ? new AdapterAssemblerOptions { MaxPayloadSize = m } : null);

    [Fact]
    public void CompleteParameterSet_AllChunksInOrder_RebuildsTheSameSet()
    {
        using var assembler = Assembler();

        foreach (var chunk in Large.Chunks) assembler.Add(chunk);

        Assert.True(assembler.IsComplete);
        Assert.Equal(Large.Payload.Length, assembler.ReceivedBytes);
        Assert.Equal(AdapterTestData.Large().ContentHash(), assembler.CompleteParameterSet().ContentHash());
    }

    [Fact]
    public void Complete_OneByteTampered_ThrowsShaMismatch()
    {
        using var assembler = Assembler();
        var tampered = Large.Chunks[3].Data.ToByteArray();
        tampered[12345] ^= 0x01;

        foreach (var chunk in Large.Chunks)
            assembler.Add(chunk.Index == 3 ? new AdapterChunk { Index = 3, Data = ByteString.CopyFrom(tampered) } : chunk);

        Assert.Contains("sha256 mismatch: the payload hashes to", Error(() => assembler.Complete()));
    }

    [Fact]
    public void Add_OutOfOrderDuplicateOrExtraChunk_ThrowsAndFaults()
    {
        using var reordered = Assembler();
        Assert.Contains("chunk 1 arrived out of order: expected chunk 0", Error(() => reordered.Add(Large.Chunks[1])));
        Assert.Contains("already failed", Error(() => reordered.Add(Large.Chunks[0])));

        using var duplicated = Assembler();
        duplicated.Add(Large.Chunks[0]);
        Assert.Contains("duplicate chunk 0: it was already received", Error(() => duplicated.Add(Large.Chunks[0])));

        using var extra = Assembler();
        foreach (var chunk in Large.Chunks) extra.Add(chunk);
        var count = Large.Chunks.Count;
        Assert.Contains($"too many chunks: chunk {count} is beyond the declared {count}",
            Error(() => extra.Add(new AdapterChunk { Index = (uint)count, Data = ByteString.CopyFrom(1) })));
    }

    [Fact]
    public void Complete_MissingChunk_ThrowsTooFew()
    {
        using var assembler = Assembler();

        foreach (var chunk in Large.Chunks.SkipLast(1)) assembler.Add(chunk);

        Assert.Equal(6, Large.Chunks.Count);
        Assert.Contains("too few chunks: received 5 of 6", Error(() => assembler.Complete()));
    }

    [Fact]
    public void Add_ChunkOfWrongSize_Throws()
    {
        using var oversize = Assembler();
        var big = new AdapterChunk { Index = 0, Data = ByteString.CopyFrom(new byte[AdapterChunker.MaxChunkSize + 1]) };
        Assert.Contains($"chunk 0 holds {AdapterChunker.MaxChunkSize + 1} bytes, expected {AdapterChunker.MaxChunkSize}", Error(() => oversize.Add(big)));

        using var shortLast = Assembler();
        foreach (var chunk in Large.Chunks.SkipLast(1)) shortLast.Add(chunk);
        var last = Large.Chunks[^1];
        Assert.Contains($"holds {last.Data.Length - 1} bytes, expected {last.Data.Length}",
            Error(() => shortLast.Add(new AdapterChunk { Index = last.Index, Data = ByteString.CopyFrom(last.Data.Span[1..]) })));
    }

    [Fact]
    public void Constructor_PayloadOverMaximum_ThrowsBeforeAllocating()
    {
        var e = Error(() => Assembler(max: Large.Payload.Length - 1));

        Assert.Contains($"the payload declares {Large.Payload.Length} bytes, over the limit of {Large.Payload.Length - 1}", e);
        using var fits = Assembler(max: Large.Payload.Length);
        Assert.Equal(0, fits.ReceivedChunks);
    }

    [Fact]
    public void Constructor_InconsistentHeader_Throws()
    {
        PayloadHeader With(Action<PayloadHeader> change) { var h = Large.Header.Clone(); change(h); return h; }

        Assert.Contains("declares 5 chunks but", Error(() => Assembler(With(h => h.ChunkCount = 5))));
        Assert.Contains("chunk size 1048577 is outside 1..1048576", Error(() => Assembler(With(h => h.ChunkSize = AdapterChunker.MaxChunkSize + 1))));
        Assert.Contains("the sha256 is 3 bytes, expected 32", Error(() => Assembler(With(h => h.Sha256 = ByteString.CopyFrom(1, 2, 3)))));
        Assert.Contains("unsupported payload format Unspecified", Error(() => Assembler(With(h => h.Format = PayloadFormat.Unspecified))));
    }

    [Fact]
    public void CompleteParameterSet_PayloadDiffersFromDeclaredLayout_Throws()
    {
        var payload = AdapterChunker.Split(AdapterTestData.Small());
        var header = payload.Header.Clone();
        header.Tensors[0].Shape[0] = 4;
        header.Tensors[0].Shape[1] = 1;
        using var assembler = Assembler(header);

        foreach (var chunk in payload.Chunks) assembler.Add(chunk);

        Assert.Contains("differs from its declared layout: 'w' has shape [2, 2], expected [4, 1]", Error(() => assembler.CompleteParameterSet()));
    }
}
