using System.Globalization;
using FedUnlearn.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FedUnlearn.Rpc.Tests.Server;

public sealed class TransportBufferTests
{
    [Theory]
    [InlineData(32 * 1024)]
    [InlineData(256 * 1024)]
    public async Task UseGrpcTransportBuffers_KestrelConnection_UsesBuffersOfThatSize(int bufferSize)
    {
        Assert.Equal(bufferSize, await ConnectionBufferSizeAsync(web => web.UseGrpcTransportBuffers(bufferSize)));
    }

    [Fact]
    public async Task WithoutTransportBuffers_KestrelConnection_Keeps4KiBBuffers()
    {
        Assert.Equal(4096, await ConnectionBufferSizeAsync(_ => { }));
    }

    [Theory]
    [InlineData(4095)]
    [InlineData(1024 * 1024 + 1)]
    public void Validate_TransportBufferSizeOutOfRange_Throws(int bufferSize)
    {
        var options = new GrpcServerOptions { TransportBufferSize = bufferSize };

        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(GrpcServerOptions.TransportBufferSize), ex.ParamName);
    }

    // The size of the buffers the connection's transport hands Kestrel, as seen by a request.
    private static async Task<int> ConnectionBufferSizeAsync(Action<IWebHostBuilder> configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        configure(builder.WebHost);
        await using WebApplication app = builder.Build();
        app.MapGet("/pool", (HttpContext http) =>
            (http.Features.Get<IMemoryPoolFeature>()?.MemoryPool.MaxBufferSize ?? -1).ToString(CultureInfo.InvariantCulture));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient();
        return int.Parse(await http.GetStringAsync(address + "/pool"), CultureInfo.InvariantCulture);
    }
}
