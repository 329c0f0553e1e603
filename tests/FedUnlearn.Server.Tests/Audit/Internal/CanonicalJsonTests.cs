using System.Text;
using System.Text.Json;
using FedUnlearn.Server.Audit.Internal;

namespace FedUnlearn.Server.Tests.Audit.Internal;

public sealed class CanonicalJsonTests
{
    private static string Canonical(string json, params string[] excluded)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.ASCII.GetString(CanonicalJson.Serialize(document.RootElement, excluded));
    }

    [Fact]
    public void Serialize_SortsKeysRecursivelyAndDropsWhitespace() =>
        Assert.Equal("{\"a\":[3,{\"x\":true,\"y\":null}],\"b\":{\"A\":-1,\"a\":0}}",
            Canonical("{ \"b\": {\"a\": 0, \"A\": -1}, \"a\": [3, {\"y\": null, \"x\": true}] }"));

    [Fact]
    public void Serialize_ExcludesNamedTopLevelMembersOnly() =>
        Assert.Equal("{\"n\":{\"hash\":1}}", Canonical("{\"hash\":\"h\",\"n\":{\"hash\":1},\"signature\":\"s\"}", "hash", "signature"));

    [Theory]
    [InlineData("\"\\u0022\"", "\"\\\"\"")]          // any escape spelling of a quote becomes \"
    [InlineData("\"\\/\"", "\"/\"")]
    [InlineData("\"\u00e9\"", "\"\\u00e9\"")]       // raw UTF-8 becomes lower-case \u escapes
    [InlineData("\"\\uD83D\\uDE00\"", "\"\\ud83d\\ude00\"")]
    [InlineData("\"\\u001f \\u007f\"", "\"\\u001f \\u007f\"")]
    [InlineData("\"<>&'+`\"", "\"<>&'+`\"")]        // no HTML-safe escaping
    public void Serialize_EscapesStringsLikePythonEnsureAscii(string input, string expected) =>
        Assert.Equal(expected, Canonical(input));

    [Theory]
    [InlineData("{\"a\":1.0}")]
    [InlineData("{\"a\":1e3}")]
    [InlineData("{\"a\":-0}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a b\":1}")]
    [InlineData("{\"\":1}")]
    [InlineData("\"\\ud800\"")]
    public void Serialize_OutsideTheCanonicalSubset_Throws(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return; // a leading zero is not even JSON
        }
        using (document)
            Assert.Throws<FormatException>(() => CanonicalJson.Serialize(document.RootElement));
    }

    [Theory]
    [InlineData("forget_accuracy")]
    [InlineData("accuracy/class:3")]
    [InlineData("mia.loss-5fold")]
    public void IsCanonicalKey_AllowedNames_WrittenUnescaped(string name)
    {
        Assert.True(CanonicalJson.IsCanonicalKey(name));
        Assert.Equal($"{{\"{name}\":0}}", Canonical($"{{\"{name}\":0}}"));
    }
}
