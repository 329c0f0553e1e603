using System.Text.Json;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Interop;

/// <summary>Python grpcio (C-core) as the client, our Kestrel server as the server.</summary>
public sealed class PythonClientInteropTests(PythonClientRunFixture fixture) : IClassFixture<PythonClientRunFixture>
{
    private JsonElement Results => fixture.Results;

    [Fact]
    public void Unary_EchoesTextAndBytes()
    {
        JsonElement unary = Results.GetProperty("unary");
        Assert.Equal("from python", unary.GetProperty("text").GetString());
        Assert.Equal("0102ff", unary.GetProperty("payload").GetString());
        Assert.Equal(3, unary.GetProperty("index").GetInt32());
    }

    [Fact]
    public void ClientStreaming_AllChunksArriveInOrder()
    {
        JsonElement result = Results.GetProperty("client_stream");
        Assert.Equal("01234", result.GetProperty("text").GetString());
        Assert.Equal(5, result.GetProperty("count").GetInt32());
        Assert.Equal(5 * 65536, result.GetProperty("total").GetInt64());
        Assert.True(result.GetProperty("sha_ok").GetBoolean());
    }

    [Fact]
    public void ServerStreaming_SixteenChunksWithExpectedHash()
    {
        JsonElement result = Results.GetProperty("server_stream");
        Assert.Equal(Enumerable.Range(0, 16), result.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Convert.ToHexStringLower(Payload.Sha256(1 << 20, 65536)), result.GetProperty("sha").GetString());
    }

    [Fact]
    public void Bidi_EchoesEachMessage() =>
        Assert.Equal(["echo:a", "echo:b", "echo:c"], Results.GetProperty("bidi").EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public void ErrorStatus_CodeAndNonAsciiMessageDecodedByGrpcio()
    {
        JsonElement error = Results.GetProperty("error");
        Assert.Equal("FAILED_PRECONDITION", error.GetProperty("code").GetString());
        Assert.Equal("Ünïcødé ✓ 100%", error.GetProperty("details").GetString());
    }

    [Fact]
    public void UnknownMethod_Unimplemented() =>
        Assert.Equal("UNIMPLEMENTED", Results.GetProperty("unknown").GetProperty("code").GetString());

    [Fact]
    public async Task Deadline_ClientGetsDeadlineExceededAndOurHandlerIsCancelled()
    {
        Assert.Equal("DEADLINE_EXCEEDED", Results.GetProperty("deadline").GetProperty("code").GetString());
        Assert.True(await fixture.Service.Watch(fixture.WaitId).Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Metadata_HeadersAndTrailersIncludingBinary()
    {
        JsonElement result = Results.GetProperty("metadata");
        Assert.Equal("deadline", result.GetProperty("text").GetString());
        Assert.Equal("v1", result.GetProperty("initial").GetProperty("h-x-text").GetString());
        Assert.Equal("00ff", result.GetProperty("initial").GetProperty("h-x-data-bin").GetString());
        Assert.Equal("v1", result.GetProperty("trailing").GetProperty("t-x-text").GetString());
        Assert.Equal("00ff", result.GetProperty("trailing").GetProperty("t-x-data-bin").GetString());
    }

    [Fact]
    public void Gzip_CompressedRequestsAccepted()
    {
        JsonElement result = Results.GetProperty("gzip");
        Assert.Equal("zipped", result.GetProperty("text").GetString());
        Assert.Equal(100000, result.GetProperty("length").GetInt32());
    }

    [Fact]
    public void HealthCheck_StandardServiceAnswersGrpcio() => Assert.Equal("SERVING", Results.GetProperty("health").GetString());
}
