using FedUnlearn.Rpc.Client.Internal.Http2;

namespace FedUnlearn.Rpc.Tests.Client.Internal.Http2;

/// <summary>RFC 7541 Appendix C examples as test vectors: three header blocks decoded in order on one decoder.</summary>
public sealed class HpackDecoderTests
{
    private static readonly (string, string)[] Request1 = [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")];
    private static readonly (string, string)[] Request2 = [.. Request1, ("cache-control", "no-cache")];
    private static readonly (string, string)[] Request3 = [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")];

    private static readonly (string, string)[] Response1 =
        [(":status", "302"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")];

    private static readonly (string, string)[] Response2 =
        [(":status", "307"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("location", "https://www.example.com")];

    private static readonly (string, string)[] Response3 =
    [
        (":status", "200"), ("cache-control", "private"), ("date", "Mon, 21 Oct 2013 20:13:22 GMT"), ("location", "https://www.example.com"),
        ("content-encoding", "gzip"), ("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
    ];

    [Fact]
    public void Decode_RequestsWithoutHuffman_C3_MatchesHeadersAndTableSizes()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "828684410f7777772e6578616d706c652e636f6d", Request1, 57);
        AssertBlock(decoder, "828684be58086e6f2d6361636865", Request2, 110);
        AssertBlock(decoder, "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565", Request3, 164);
        Assert.Equal(3, decoder.DynamicTableCount);
    }

    [Fact]
    public void Decode_RequestsWithHuffman_C4_MatchesHeadersAndTableSizes()
    {
        var decoder = new HpackDecoder();
        AssertBlock(decoder, "828684418cf1e3c2e5f23a6ba0ab90f4ff", Request1, 57);
        AssertBlock(decoder, "828684be5886a8eb10649cbf", Request2, 110);
        AssertBlock(decoder, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf", Request3, 164);
    }

    [Fact]
    public void Decode_ResponsesWithoutHuffman_C5_EvictsOldestEntries()
    {
        var decoder = new HpackDecoder(maxTableSize: 256);
        AssertBlock(decoder,
            "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
            Response1, 222);
        AssertBlock(decoder, "4803333037c1c0bf", Response2, 222);
        AssertBlock(decoder,
            "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31",
            Response3, 215);
        Assert.Equal(3, decoder.DynamicTableCount);
    }

    [Fact]
    public void Decode_ResponsesWithHuffman_C6_EvictsOldestEntries()
    {
        var decoder = new HpackDecoder(maxTableSize: 256);
        AssertBlock(decoder,
            "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3",
            Response1, 222);
        AssertBlock(decoder, "4883640effc1c0bf", Response2, 222);
        AssertBlock(decoder,
            "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
            Response3, 215);
    }

    [Theory]
    [InlineData("bf", "beyond the tables")]          // index 63: dynamic table is empty
    [InlineData("80", "index 0")]                     // index 0 is invalid
    [InlineData("0f", "Truncated")]                   // integer continuation missing
    [InlineData("008118", "padding")]                 // Huffman "a" (00011) padded with zeros, not ones
    [InlineData("3fe21f", "size update")]             // table size update to 4097, beyond our 4096
    [InlineData("82207e", "after a header field")]    // size update after a field
    public void Decode_MalformedBlock_ThrowsHpackException(string hex, string expected)
    {
        var decoder = new HpackDecoder();
        HpackException ex = Assert.Throws<HpackException>(() => decoder.Decode(Convert.FromHexString(hex), []));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decode_EncoderOutput_RoundTrips()
    {
        var block = new System.Buffers.ArrayBufferWriter<byte>();
        (string, string)[] headers = [(":method", "POST"), (":path", "/fedunlearn.v1.Federation/Join"), ("te", "trailers"), ("x-long", new string('v', 300))];
        foreach ((string name, string value) in headers)
        {
            HpackEncoder.Encode(name, value, block);
        }

        var decoded = new List<(string, string)>();
        new HpackDecoder().Decode(block.WrittenSpan, decoded);
        Assert.Equal(headers, decoded);
        Assert.Equal(0x83, block.WrittenSpan[0]); // :method POST is static entry 3, sent indexed
    }

    private static void AssertBlock(HpackDecoder decoder, string hex, (string, string)[] expected, int tableSize)
    {
        var headers = new List<(string, string)>();
        decoder.Decode(Convert.FromHexString(hex), headers);
        Assert.Equal(expected, headers);
        Assert.Equal(tableSize, decoder.DynamicTableSize);
    }
}
