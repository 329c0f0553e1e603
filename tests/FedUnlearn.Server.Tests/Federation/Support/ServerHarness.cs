using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Server.Tests.Federation.Support;

/// <summary>
/// A real <see cref="FederationServer"/> on 127.0.0.1:0 over a temporary data directory, a manual
/// clock for its deadlines, an admin client, and fake clients made with the low-level typed clients.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";
    private readonly List<FakeClient> _clients = [];
    private readonly Action<FederationServerOptions>? _configure;
    private readonly TempDirectory _directory = new("fedunlearn-server-");

    private ServerHarness(Action<FederationServerOptions>? configure) => _configure = configure;

    public string DataDirectory => _directory.Path;

    public ManualTimeProvider Clock { get; } = new();

    public FederationServer Server { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public AdminRpcClient Admin { get; private set; } = null!;

    /// <summary>Starts a server (3 clients, 3 updates, 1-minute deadline unless configured otherwise).</summary>
    public static async Task<ServerHarness> StartAsync(Action<FederationServerOptions>? configure = null)
    {
        var harness = new ServerHarness(configure);
        await harness.StartServerAsync();
        return harness;
    }

    public FederationServerOptions Options() 
    {
        var options = new FederationServerOptions
        {
            DataDirectory = DataDirectory,
            AdminToken = AdminToken,
            MinClients = 3,
            MinUpdates = 2,
            RoundDeadline = TimeSpan.FromMinutes(1),
            Rounds = 0,
            InitialAdapter = TestAdapters.Global(),
            Model = new ModelSpec { Architecture = "mlp", NumClasses = 10, Lora = new LoraSpec { Rank = 2, Alpha = 4 } },
            TimeProvider = Clock,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        _configure?.Invoke(options);
        return options;
    }

    /// <summary>Admits a client through the Admin service and returns a fake client holding its token.</summary>
    public async Task<FakeClient> AddClientAsync(string clientId)
    {
        AddClientResponse added = await Admin.AddClientAsync(new AddClientRequest { ClientId = clientId });
        var client = new FakeClient(clientId, added.Token, Channel);
        _clients.Add(client);
        return client;
    }

    /// <summary>Stops the server (as a crash would leave the store: a running round stays open) and starts a new one on the same directory.</summary>
    public async Task RestartAsync()
    {
        foreach (FakeClient client in _clients) client.Dispose();
        _clients.Clear();
        Channel.Dispose();
        await Server.StopAsync();
        await StartServerAsync();
    }

    /// <summary>A fake client with <paramref name="token"/> on this server (e.g. after a restart).</summary>
    public FakeClient Reconnect(string clientId, string token)
    {
        var client = new FakeClient(clientId, token, Channel);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (FakeClient client in _clients) client.Dispose();
        Channel?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        _directory.Dispose();
    }

    private async Task StartServerAsync()
    {
        Server = new FederationServer(Options());
        await Server.StartAsync();
        Channel = GrpcChannel.ForAddress(Server.Address);
        Admin = new AdminRpcClient(Channel, AdminToken);
    }
}
