using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Server.Interceptors;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>The bearer-token and logging interceptors on a dedicated server.</summary>
public sealed class InterceptorTests : IAsyncLifetime
{
    private readonly ListLogger _log = new();
    private GrpcServer _server = null!;

    public async Task InitializeAsync()
    {
        var options = new GrpcServerOptions();
        options.Interceptors.Add(new LoggingInterceptor(_log));
        options.Interceptors.Add(new BearerTokenInterceptor(
            (token, _) => ValueTask.FromResult(token == "good-token" ? "alice" : null),
            anonymousMethods: [Echo.Expand.FullName]));
        _server = new GrpcServer(options);
        _server.AddService(new EchoService().Definition);
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task UnaryCall_NoToken_Unauthenticated()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "whoami" }));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_WrongToken_Unauthenticated()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { BearerToken = "forged" });

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "whoami" }));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("invalid bearer token", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryCall_GoodToken_HandlerSeesIdentity()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { BearerToken = "forged" });

        EchoReply reply = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "whoami" }, new CallOptions { BearerToken = "good-token" });

        Assert.Equal("alice", reply.Text);
    }

    [Fact]
    public async Task ClientStreamingCall_NoToken_RejectedBeforeRequestsAreRead()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(Echo.Collect);

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        RpcException writeEx = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, writeEx.StatusCode);
    }

    [Fact]
    public async Task ServerStreamingCall_AnonymousMethod_NeedsNoToken()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);
        using ServerStreamingCall<EchoReply> call = channel.ServerStreamingCall(Echo.Expand, new EchoRequest { TotalBytes = 16 });

        int count = 0;
        await foreach (EchoReply _ in call.ResponseStream)
        {
            count++;
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task LoggingInterceptor_LogsEndOfCallWithStatus()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { BearerToken = "good-token" });
        await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "logged" });
        await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "fail:5:gone" }));

        string[] ended = _log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToArray();
        Assert.Contains(ended, m => m.Contains("/fedunlearn.testing.Echo/Unary", StringComparison.Ordinal) && m.Contains("ended with OK", StringComparison.Ordinal));
        Assert.Contains(ended, m => m.Contains("ended with NotFound", StringComparison.Ordinal));
    }
}
