using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// A whole federation in one process over real gRPC: a <see cref="FederationServer"/> on 127.0.0.1 (port 0
/// at first, the same port after a restart) over its own data directory, the admin client an operator
/// would use, and N real client nodes (<see cref="TestNode"/>) admitted with their own tokens, each on its
/// own IID partition. The server can be stopped and started again on the same directory; nodes can be
/// stopped and started like apps.
/// </summary>
internal sealed partial class FederationHarness : IAsyncDisposable
{
    public const string AdminToken = "e2e-forget-admin-token-0123";
    public const ulong LoraInitSeed = 5;

    /// <summary>Safety net for every wait: far beyond what a healthy run takes, so only a hang trips it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _directory = new("fedunlearn-e2e-forget");
    private readonly List<TestNode> _nodes = [];
    private readonly Action<FederationServerOptions>? _configure;
    private readonly ILoggerFactory? _logs;
    private readonly int _clients;
    private GrpcChannel? _channel;
    private int _port;

    private FederationHarness(SyntheticFederation data, int clients, Action<FederationServerOptions>? configure, ILoggerFactory? logs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        Data = data;
        _clients = clients;
        _configure = configure;
        _logs = logs;
    }

    public SyntheticFederation Data { get; }

    /// <summary>The server's data directory (store, blobs, audit log, signing keys).</summary>
    public string ServerDirectory => _directory.Combine("server");

    /// <summary>The running server; null while stopped.</summary>
    public FederationServer? Server { get; private set; }

    /// <summary>The running server (throws while stopped).</summary>
    public FederationServer Running => Server ?? throw new InvalidOperationException("The server is stopped.");

    /// <summary>The operator's admin client on the running server.</summary>
    public AdminRpcClient Admin { get; private set; } = null!;

    public IReadOnlyList<TestNode> Nodes => _nodes;

    /// <summary>
    /// Starts the server (one round per batch of <paramref name="clients"/> updates, verification that a
    /// correct run passes), admits <paramref name="clients"/> clients <c>c0..</c> and starts them (after
    /// <paramref name="prepare"/>, e.g. to set a <see cref="TestNode.Hold"/> before any task arrives), each on
    /// its share of <see cref="SyntheticFederation.Rest"/> split <paramref name="partitions"/> ways (default:
    /// <paramref name="clients"/>; more gives the first clients of a larger federation the same data).
    /// </summary>
    public static async Task<FederationHarness> StartAsync(SyntheticFederation data, int clients,
        Action<FederationServerOptions>? configure = null, ILoggerFactory? logs = null, int? partitions = null, Action<TestNode>? prepare = null)
    {
        var harness = new FederationHarness(data, clients, configure, logs);
        try
        {
            await harness.StartServerAsync();
            for (var i = 0; i < clients; i++)
            {
                var id = $"c{i}";
                var added = await harness.Admin.AddClientAsync(new AddClientRequest { ClientId = id });
                harness._nodes.Add(new TestNode(id, added.Token, data.Partition(partitions ?? clients, i), data.Test, data.BaseModel.Path,
                    harness._directory.Combine(id), logs));
            }

            foreach (var node in harness._nodes)
            {
                prepare?.Invoke(node);
                await node.StartAsync(harness.Running.Address);
            }

            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>The options every start uses (the same after a restart, as an operator's config file would be).</summary>
    public FederationServerOptions Options()
    {
        var lora = Data.LoRA;
        var options = new FederationServerOptions
        {
            FederationName = "e2e-forget",
            DataDirectory = ServerDirectory,
            AdminToken = AdminToken,
            Port = _port,
            MinClients = _clients,
            MinUpdates = _clients,
            RoundDeadline = Patience,
            Model = Data.BaseModel.Announce(lora, LoraInitSeed, freezeA: false),
            InitialAdapter = Data.BaseModel.InitialAdapter(lora, LoraInitSeed),
            HyperParameters = new HyperParameters { LocalEpochs = 1, BatchSize = 32, LearningRate = 5e-3, Optimizer = "adamw" },
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            LoggerFactory = _logs,
        };
        options.Forget.Verification.MaxTestAccuracyDrop = 0.15;
        _configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts a server on the data directory (and on the port of the previous start, so clients find it again).</summary>
    public async Task StartServerAsync()
    {
        if (Server is not null) throw new InvalidOperationException("The server is already running.");
        var server = new FederationServer(Options());
        await server.StartAsync();
        Server = server;
        _port = server.Port;
        _channel = GrpcChannel.ForAddress(server.Address);
        Admin = new AdminRpcClient(_channel, AdminToken);
    }

    /// <summary>Stops the server as an operator's Ctrl+C would: clients are told to reconnect later.</summary>
    public async Task StopServerAsync()
    {
        if (Server is not { } server) return;
        Server = null;
        _channel?.Dispose();
        _channel = null;
        await server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await StopServerAsync();
        _directory.Dispose();
    }
}
