using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>
/// Services mapped into an ordinary ASP.NET Core app, next to endpoints that misbehave like
/// broken proxies: the client must turn their HTTP answers into gRPC statuses.
/// </summary>
public sealed class EndpointHostingTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureForGrpc();
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        _app = builder.Build();
        _app.MapGrpcService(new EchoService().Definition);
        _app.MapPost("/proxy.Broken/Unavailable", (HttpContext http) => http.Response.StatusCode = 503);
        _app.MapPost("/proxy.Broken/Forbidden", (HttpContext http) => http.Response.StatusCode = 403);
        _app.MapPost("/proxy.Broken/Html", (HttpContext http) => http.Response.WriteAsync("<html>oops</html>"));
        _app.MapPost("/proxy.Broken/NoStatus", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/grpc";
            await http.Response.Body.WriteAsync(RawGrpc.Frame(new EchoReply { Text = "orphan" }));
        });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task MapGrpcService_UnaryCall_Succeeds()
    {
        Assert.Equal("mapped", (await _channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "mapped" })).Text);
    }

    [Theory]
    [InlineData("Unavailable", StatusCode.Unavailable)]
    [InlineData("Forbidden", StatusCode.PermissionDenied)]
    [InlineData("Html", StatusCode.Unknown)]
    [InlineData("NoStatus", StatusCode.Internal)]
    public async Task UnaryCall_NonGrpcAnswer_MappedStatus(string name, StatusCode expected)
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "proxy.Broken", name);

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(method, new EchoRequest()));

        Assert.Equal(expected, ex.StatusCode);
    }
}
