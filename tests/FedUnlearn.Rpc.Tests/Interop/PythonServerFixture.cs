using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Interop;

/// <summary>A python grpcio server subprocess shared by a test class, and a channel to it.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    private PythonPeer? _peer;
    private PythonPeer.PythonServer? _server;

    public GrpcChannel Channel { get; private set; } = null!;

    public Uri Address => _server!.Address;

    public async Task InitializeAsync()
    {
        _peer = await PythonPeer.CreateAsync();
        _server = await _peer.StartServerAsync();
        Channel = GrpcChannel.ForAddress(_server.Address);
    }

    public Task DisposeAsync()
    {
        Channel?.Dispose();
        _server?.Dispose();
        _peer?.Dispose();
        return Task.CompletedTask;
    }
}
