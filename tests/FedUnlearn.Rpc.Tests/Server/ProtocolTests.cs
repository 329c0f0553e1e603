using System.IO.Compression;
using System.Net;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>The server's answers to malformed or unusual requests, sent raw over HTTP/2.</summary>
public sealed class ProtocolTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private const string UnaryPath = "/fedunlearn.testing.Echo/Unary";

    private Uri Address => fixture.Server.Address;

    [Fact]
    public async Task Post_WrongContentType_Http415AndServerKeepsServing()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, "{}"u8.ToArray(), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await AssertServesAsync();
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Post_GrpcContentTypes_Accepted(string contentType)
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "ct" }), contentType);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("ct", RawGrpc.ParseSingle(response.Body).Text);
    }

    [Fact]
    public async Task Get_MethodNotAllowed()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, [], method: HttpMethod.Get);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.HttpStatus);
    }

    [Fact]
    public async Task Post_TruncatedFrame_InternalTrailersOnlyAndServerKeepsServing()
    {
        byte[] body = [0, 0, 0, 0, 10, 1, 2]; // declares 10 bytes, sends 2, then END_STREAM

        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, body);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("13", response.Header("grpc-status")); // trailers-only: status in the headers
        Assert.Contains("Incomplete message", response.GrpcMessage, StringComparison.Ordinal);
        Assert.Empty(response.Body);
        await AssertServesAsync();
    }

    [Fact]
    public async Task Post_TruncatedHeader_Internal()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, "/fedunlearn.testing.Echo/Collect", [0, 0, 0]);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Post_InvalidCompressedFlag_Internal()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 2));

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Post_CompressedFlagWithoutEncoding_Internal()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 1));

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownEncoding_UnimplementedWithAcceptedEncodings()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest()),
            headers: [new("grpc-encoding", "snappy")]);

        Assert.Equal("12", response.GrpcStatus);
        Assert.Equal("identity,gzip", response.Header("grpc-accept-encoding"));
    }

    [Fact]
    public async Task Post_GzipRequestFrame_Decompressed()
    {
        byte[] plain = new EchoRequest { Text = new string('z', 1000) }.ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        Assert.True(compressed.Length < plain.Length / 4);
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(compressed.ToArray(), flag: 1),
            headers: [new("grpc-encoding", "gzip")]);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(new string('z', 1000), RawGrpc.ParseSingle(response.Body).Text);
    }

    [Fact]
    public async Task Post_UnaryWithoutMessage_Internal()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, []);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Post_UnaryWithTwoMessages_Internal()
    {
        byte[] one = RawGrpc.Frame(new EchoRequest { Text = "a" });

        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, [.. one, .. one]);

        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task Post_NonAsciiStatusMessage_PercentEncodedOnTheWire()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "fail:3:é 100%" }));

        Assert.Equal("3", response.GrpcStatus);
        Assert.Equal("%C3%A9 100%25", response.GrpcMessage);
    }

    [Fact]
    public async Task Post_Success_StatusZeroInTrailersAfterMessage()
    {
        RawGrpc.Response response = await RawGrpc.SendAsync(Address, UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "t" }));

        Assert.Null(response.Header("grpc-status"));
        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("application/grpc", response.ContentHeaders.ContentType?.MediaType);
    }

    private async Task AssertServesAsync() =>
        Assert.Equal("ok", (await fixture.Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "ok" })).Text);
}
