using System.Runtime.InteropServices;
using FedUnlearn.Rpc.Internal;
using FedUnlearn.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Internal;

public sealed class BorrowedBytesParserTests
{
    private const int Large = 3 * BorrowedBytesParser.MinBorrowedLength;

    [Fact]
    public void Parse_EveryFieldPosition_EqualsProtobufsOwnParse()
    {
        var message = new PayloadEnvelope
        {
            Chunk = new PayloadChunk { Data = Bytes(Large, 1), Offset = 42 },
            Extra = { new PayloadChunk { Data = Bytes(Large, 2) }, new PayloadChunk { Data = Bytes(10, 3), Offset = 7 } },
            Blobs = { Bytes(Large, 4), Bytes(5, 5), Bytes(Large + 1, 6) },
            Raw = Bytes(Large, 7),
            Wrapped = Bytes(Large, 8),
            Named = { ["a"] = Bytes(Large, 9), ["b"] = Bytes(3, 10) },
            Single = new PayloadChunk { Data = Bytes(Large, 11), Offset = -1 },
            Text = "kept",
        };
        byte[] wire = message.ToByteArray();

        PayloadEnvelope parsed = BorrowedBytesParser.Parse(PayloadEnvelope.Parser, wire);

        Assert.Equal(PayloadEnvelope.Parser.ParseFrom(wire), parsed);
        Assert.Equal(message, parsed);
    }

    [Fact]
    public void Parse_LargeBytesFields_PointIntoTheInput()
    {
        var message = new PayloadEnvelope
        {
            Chunk = new PayloadChunk { Data = Bytes(Large, 1) },
            Extra = { new PayloadChunk { Data = Bytes(Large, 2) } },
            Blobs = { Bytes(Large, 3) },
            Raw = Bytes(Large, 4),
            Single = new PayloadChunk { Data = Bytes(Large, 5) },
        };
        byte[] wire = message.ToByteArray();

        PayloadEnvelope parsed = BorrowedBytesParser.Parse(PayloadEnvelope.Parser, wire);

        Assert.All(
            new[] { parsed.Chunk.Data, parsed.Extra[0].Data, parsed.Blobs[0], parsed.Raw, parsed.Single.Data },
            bytes => Assert.True(MemoryMarshal.TryGetArray(bytes.Memory, out ArraySegment<byte> segment) && segment.Array == wire));
    }

    [Fact]
    public void Parse_SmallBytesField_IsCopied()
    {
        byte[] wire = new PayloadEnvelope { Raw = Bytes(100, 1), Text = "t" }.ToByteArray();

        PayloadEnvelope parsed = BorrowedBytesParser.Parse(PayloadEnvelope.Parser, wire);

        Assert.True(MemoryMarshal.TryGetArray(parsed.Raw.Memory, out ArraySegment<byte> segment));
        Assert.NotSame(wire, segment.Array);
    }

    [Fact]
    public void Parse_RepeatedSingularFieldsAndOneofSwitches_LastOneWinsAsInProtobuf()
    {
        // Two messages concatenated are one message with every field repeated (protobuf's merge).
        byte[] first = new PayloadEnvelope { Raw = Bytes(Large, 1), Chunk = new PayloadChunk { Data = Bytes(Large, 2), Offset = 5 } }.ToByteArray();
        byte[] second = new PayloadEnvelope { Raw = Bytes(Large, 3), Chunk = new PayloadChunk { Offset = 9 }, Text = "x" }.ToByteArray();
        byte[] third = new PayloadEnvelope { Header = new PayloadHeaderPart { Digest = Bytes(Large, 4) } }.ToByteArray();
        byte[][] cases = [[.. first, .. second], [.. first, .. second, .. third], [.. third, .. first]];

        foreach (byte[] wire in cases)
        {
            Assert.Equal(PayloadEnvelope.Parser.ParseFrom(wire), BorrowedBytesParser.Parse(PayloadEnvelope.Parser, wire));
        }
    }

    [Fact]
    public void Parse_UnknownFieldsAndGroups_KeptAsProtobufKeepsThem()
    {
        // Field 99 (unknown, length-delimited, large) and field 98 as a group (wire types 3/4).
        byte[] known = new PayloadEnvelope { Raw = Bytes(Large, 1) }.ToByteArray();
        byte[] unknown = [.. Tag(99, 2), .. Varint(Large), .. Bytes(Large, 2).ToByteArray()];
        byte[] group = [.. Tag(98, 3), .. Tag(1, 0), 7, .. Tag(98, 4)];
        byte[][] cases = [[.. known, .. unknown], [.. unknown, .. known, .. group]];

        foreach (byte[] wire in cases)
        {
            PayloadEnvelope parsed = BorrowedBytesParser.Parse(PayloadEnvelope.Parser, wire);
            Assert.Equal(PayloadEnvelope.Parser.ParseFrom(wire), parsed);
            Assert.Equal(wire.Length, parsed.CalculateSize());
        }
    }

    [Fact]
    public void Parse_TruncatedOrMalformed_ThrowsProtobufsOwnError()
    {
        byte[] wire = new PayloadEnvelope { Chunk = new PayloadChunk { Data = Bytes(Large, 1) } }.ToByteArray();
        byte[][] cases = [wire[..^1], wire[..3], [.. wire, 0x80], [.. Tag(0, 0), 1]];

        foreach (byte[] bad in cases)
        {
            var expected = Assert.Throws<InvalidProtocolBufferException>(() => PayloadEnvelope.Parser.ParseFrom(bad));
            var actual = Assert.Throws<InvalidProtocolBufferException>(() => BorrowedBytesParser.Parse(PayloadEnvelope.Parser, bad));
            Assert.Equal(expected.Message, actual.Message);
        }
    }

    private static ByteString Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return ByteString.CopyFrom(bytes);
    }

    private static byte[] Tag(int field, int wireType) => Varint((uint)(field << 3 | wireType));

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
