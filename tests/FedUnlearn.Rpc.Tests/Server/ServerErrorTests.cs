using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>Statuses, messages and limits, each followed by a call proving the server still serves.</summary>
public sealed class ServerErrorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task UnaryCall_HandlerThrowsRpcException_ClientGetsCodeAndMessage()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:5:no such adapter" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("no such adapter", ex.Status.Detail);
        await AssertServerStillServesAsync();
    }

    [Theory]
    [InlineData("Ünïcødé ✓ — 100% done")]
    [InlineData("line1\nline2\t%41 日本語")]
    public async Task UnaryCall_NonAsciiStatusMessage_RoundTripsExactly(string message)
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:9:" + message }));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
    }

    [Fact]
    public async Task UnaryCall_HandlerThrowsOtherException_UnknownWithoutInternals()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "throw" }));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task UnaryCall_HandlerSetsStatus_ClientGetsItWithoutResponse()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "status:7:not yours" }));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("not yours", ex.Status.Detail);
    }

    [Fact]
    public async Task ServerStreamingCall_HandlerFailsMidStream_MessagesThenStatusInTrailers()
    {
        using ServerStreamingCall<EchoReply> call = Channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 80, ChunkSize = 8, FailAfter = 3 });
        var received = new List<int>();

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (EchoReply reply in call.ResponseStream)
            {
                received.Add(reply.Index);
            }
        });

        Assert.Equal([0, 1, 2], received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("failed after 3 messages", ex.Status.Detail);
        Assert.Equal(StatusCode.Aborted, call.GetStatus().Code);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task UnaryCall_UnknownMethod_Unimplemented()
    {
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, Echo.ServiceName, "Missing");

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(missing, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("/fedunlearn.testing.Echo/Missing", ex.Status.Detail, StringComparison.Ordinal);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task UnaryCall_RequestOverServerLimit_ResourceExhausted()
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[EchoServerFixture.ServerMaxReceive + 1]) };

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo.Unary, request));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task ClientStreamingCall_MessageOverServerLimit_ResourceExhausted()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = Channel.ClientStreamingCall(Echo.Collect);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ok" });

        // The server may end the call while this write is still going out; either way the
        // status reported is the server's.
        RpcException? writeFailure = null;
        try
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[3 * 1024 * 1024]) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException ex)
        {
            writeFailure = ex;
        }

        RpcException failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.True(writeFailure is null || writeFailure.StatusCode == StatusCode.ResourceExhausted, writeFailure?.ToString());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task UnaryCall_ResponseOverClientLimit_ResourceExhausted()
    {
        using GrpcChannel small = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => small.UnaryAsync(Echo.Unary, new EchoRequest { Text = "big:5000" }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("fine", (await small.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fine" })).Text);
    }

    [Fact]
    public async Task UnaryCall_RequestOverClientSendLimit_ResourceExhaustedBeforeSending()
    {
        using GrpcChannel small = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxSendMessageSize = 100 });

        RpcException ex = Assert.Throws<RpcException>(() => small.UnaryCall(Echo.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        await Task.CompletedTask;
    }

    private async Task AssertServerStillServesAsync()
    {
        EchoReply reply = await Channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "still here" });
        Assert.Equal("still here", reply.Text);
    }
}
