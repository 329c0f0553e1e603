namespace FedUnlearn.Rpc.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void Add_UpperCaseKey_StoredLowerCase()
    {
        var metadata = new Metadata().Add("X-Client", "n7");

        Assert.Equal("x-client", metadata.Single().Key);
        Assert.Equal("n7", metadata.GetValue("x-client"));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("bad key")]
    [InlineData("bad:key")]
    public void Add_InvalidKey_Throws(string key) => Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));

    [Fact]
    public void Add_TextUnderBinaryKeyOrBytesUnderTextKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-text", [1, 2]));
    }

    [Fact]
    public void Add_NonAsciiText_Throws() => Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "é"));

    [Fact]
    public void RpcException_OkStatus_Rejected() =>
        Assert.Throws<ArgumentException>(() => new RpcException(Status.Ok));
}
