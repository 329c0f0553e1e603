using FedUnlearn.Rpc.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Rpc.Server;

/// <summary>
/// A self-contained gRPC server on Kestrel: add services, start, read <see cref="Address"/>, stop.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly List<ServiceDefinition> _services = [];
    private WebApplication? _app;

    /// <summary>Creates a server; <paramref name="options"/> are validated now.</summary>
    public GrpcServer(GrpcServerOptions? options = null)
    {
        _options = options ?? new GrpcServerOptions();
        _options.Validate();
    }

    /// <summary>The bound port (useful with port 0). Valid after <see cref="StartAsync"/>.</summary>
    public int Port => Address.Port;

    /// <summary>The base address clients connect to, e.g. <c>http://127.0.0.1:53211</c>.</summary>
    public Uri Address { get; private set; } = new("http://unstarted.invalid");

    /// <summary>Adds a service; all services must be added before <see cref="StartAsync"/>.</summary>
    public GrpcServer AddService(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_app is not null)
        {
            throw new InvalidOperationException("Services must be added before the server starts.");
        }

        _services.Add(service);
        return this;
    }

    /// <summary>Binds the port and starts accepting calls.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        ILoggerFactory loggerFactory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger("FedUnlearn.Rpc.Server");
        var dispatcher = new GrpcDispatcher(_services, _options, logger);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = _options.ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, _options));
        if (_options.TransportBufferSize is { } bufferSize)
        {
            builder.WebHost.UseGrpcTransportBuffers(bufferSize);
        }
        WebApplication app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound);
        string host = _options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{_options.Address}]"
            : _options.Address.ToString();
        Address = new Uri($"{(_options.Certificate is null ? "http" : "https")}://{host}:{uri.Port}");
        RpcLog.Listening(logger, Address);
    }

    /// <summary>Stops accepting calls and lets running ones finish (up to the shutdown timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
