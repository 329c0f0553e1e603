using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Health;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos.Health;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1:0 hosting <see cref="EchoService"/>, and a channel to it.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    /// <summary>The receive limit of the fixture's server: 1 MiB chunks fit, 3 MiB messages do not.</summary>
    public const int ServerMaxReceive = 2 * 1024 * 1024;

    private GrpcServer? _server;

    internal EchoService Service { get; } = new();

    public GrpcServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = new GrpcServer(new GrpcServerOptions { MaxReceiveMessageSize = ServerMaxReceive });
        _server.AddService(Service.Definition);
        _server.AddService(HealthServiceDefinition.Create<HealthCheckRequest, HealthCheckResponse>(
            new HealthReporter(), request => request.Service, status => new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status }));
        await _server.StartAsync();
        Channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
