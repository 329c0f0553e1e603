using FedUnlearn.Rpc.Internal;

namespace FedUnlearn.Rpc.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("✓", "%E2%9C%93")]
    public void Encode_SpecExamples_AsExpected(string value, string expected) =>
        Assert.Equal(expected, PercentEncoding.Encode(value));

    [Theory]
    [InlineData("%C3%A9", "é")]
    [InlineData("%c3%a9", "é")]
    [InlineData("broken %ZZ and %4", "broken %ZZ and %4")]
    [InlineData("%", "%")]
    public void Decode_ValidAndBroken_NeverThrows(string value, string expected) =>
        Assert.Equal(expected, PercentEncoding.Decode(value));

    [Fact]
    public void Decode_InvalidUtf8_ReplacementCharacter() =>
        Assert.Equal("a\uFFFDb", PercentEncoding.Decode("a%FFb"));
}
