using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Client.Tests.Integration;

/// <summary>
/// The real aggregator (<see cref="FederationServer"/>) on 127.0.0.1 and real <see cref="FederationClient"/>s
/// with fake learners, all on one fake clock so that round deadlines pass when the test says so.
/// </summary>
internal sealed class RealFederation : IAsyncDisposable
{
    public const string AdminToken = "integration-admin-token-0123";
    private readonly List<(FederationClient Client, CancellationTokenSource Stop, Task Run, string Directory)> _clients = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fedunlearn-it-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new();

    public FederationServer Server { get; private set; } = null!;

    public int Port { get; private set; }

    public TimeSpan RoundDeadline { get; } = TimeSpan.FromMinutes(1);

    public static ParameterSet InitialAdapter() => new([
        new ParameterTensor("fc.lora_A", [2, 3], [1, 2, 3, 4, 5, 6]),
        new ParameterTensor("fc.lora_B", [3, 2], [0, 0, 0, 0, 0, 0]),
    ]);

    public async Task StartServerAsync(int rounds, int minUpdates = 3, int port = 0)
    {
        Server = new FederationServer(new FederationServerOptions
        {
            DataDirectory = Path.Combine(_root, "server"),
            AdminToken = AdminToken,
            Port = port,
            MinClients = 3,
            MinUpdates = minUpdates,
            Rounds = rounds,
            RoundDeadline = RoundDeadline,
            ChunkSize = 16,
            HeartbeatInterval = TimeSpan.FromHours(1),
            InitialAdapter = InitialAdapter(),
            Model = new ModelSpec { Architecture = "mlp", NumClasses = 10, Lora = new LoraSpec { Rank = 2, Alpha = 4 } },
            TimeProvider = Time,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        });
        await Server.StartAsync();
        Port = Server.Port;
    }

    public async Task<string> AddClientAsync(string clientId)
    {
        using var channel = GrpcChannel.ForAddress(Server.Address);
        var added = await new AdminRpcClient(channel, AdminToken).AddClientAsync(new AddClientRequest { ClientId = clientId });
        return added.Token;
    }

    /// <summary>Starts a client whose learner adds <paramref name="delta"/> to every value and reports <paramref name="samples"/> samples.</summary>
    public async Task<FederationClient> StartClientAsync(string clientId, string token, float delta, int samples)
    {
        var directory = Path.Combine(_root, clientId);
        var options = new FederationClientOptions
        {
            ServerAddress = new Uri($"http://127.0.0.1:{Port}"),
            Token = token,
            ClientId = clientId,
            DataDirectory = directory,
            TimeProvider = Time,
        };
        options.Resilience.ReconnectBaseDelay = TimeSpan.Zero;
        options.Resilience.ReconnectMaxDelay = TimeSpan.Zero;
        options.Resilience.Calls.BaseDelay = TimeSpan.Zero;
        options.Resilience.Calls.MaxDelay = TimeSpan.Zero;
        options.Resilience.CircuitBreakerEnabled = false;
        var client = await FederationClient.CreateAsync(options, _ => new FakeLearner { Delta = delta, SampleCount = samples });
        var stop = new CancellationTokenSource();
        _clients.Add((client, stop, client.RunAsync(stop.Token), directory));
        return client;
    }

    /// <summary>The run task of a client this federation started.</summary>
    public Task RunOf(FederationClient client) => _clients.Single(c => c.Client == client).Run;

    /// <summary>Waits until the server's round timer is armed, then moves the clock past the deadline.</summary>
    public async Task PassDeadlineAsync(Task armed)
    {
        await armed;
        Time.Advance(RoundDeadline);
    }

    public Task DeadlineArmed()
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Time.TimerScheduled += due => { if (due == RoundDeadline) armed.TrySetResult(); };
        return armed.Task.WaitAsync(ClientHarness.Patience);
    }

    /// <summary>The current global adapter, downloaded with a client's <paramref name="token"/> and checked against the admin status.</summary>
    public async Task<(long Version, ParameterSet Adapter)> FetchGlobalAsync(string token)
    {
        using var channel = GrpcChannel.ForAddress(Server.Address);
        var status = await new AdminRpcClient(channel, AdminToken).GetFederationStatusAsync();
        var adapter = await new FederationRpcClient(channel, token).FetchAdapterAsync(status.AdapterVersion);
        Assert.Equal(status.AdapterHash, adapter.ContentHash);
        return ((long)adapter.Version, adapter.Parameters);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, stop, run, _) in _clients)
        {
            await stop.CancelAsync();
            try { await run; } catch (Exception) { /* judged by the test */ }
            await client.DisposeAsync();
        }

        if (Server is not null) await Server.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* leftover temp dir */ }
    }
}
