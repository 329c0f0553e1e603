using System.Text.Json;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Interop;

/// <summary>Runs the python grpcio client once against our server; the tests read its results.</summary>
public sealed class PythonClientRunFixture : IAsyncLifetime
{
    private readonly EchoServerFixture _server = new();

    public string WaitId { get; } = Guid.NewGuid().ToString("N");

    public JsonElement Results { get; private set; }

    internal EchoService Service => _server.Service;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using PythonPeer peer = await PythonPeer.CreateAsync();
        Results = JsonDocument.Parse(await peer.RunClientAsync(_server.Server.Address, WaitId)).RootElement;
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
