using FedUnlearn.Client.Events;
using System.Threading.Channels;

namespace FedUnlearn.Client.Tests.Support;

/// <summary>A fake server, a client pointed at it with zero backoff delays, and the client's events as awaitable queues.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private Task? _run;

    private ClientHarness(FakeFederationServer server, string dataDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
    }

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public FakeFederationServer Server { get; }

    public string DataDirectory { get; }

    public FakeLearner Learner { get; } = new();

    public FederationClient Client { get; private set; } = null!;

    public LearnerContext? Context { get; private set; }

    public Channel<TaskSubmittedEventArgs> Submitted { get; } = Channel.CreateUnbounded<TaskSubmittedEventArgs>();

    public Channel<DisconnectedEventArgs> Disconnects { get; } = Channel.CreateUnbounded<DisconnectedEventArgs>();

    public Channel<ClientJoinedEventArgs> Joins { get; } = Channel.CreateUnbounded<ClientJoinedEventArgs>();

    public List<TaskProgressEventArgs> Progress { get; } = [];

    public Task Run => _run ?? throw new InvalidOperationException("Not started.");

    public static async Task<ClientHarness> StartServerAsync(string? dataDirectory = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var server = new FakeFederationServer();
        await server.StartAsync(certificate: certificate);
        server.Adapters[1] = FakeFederationServer.Adapter(1f);
        return new ClientHarness(server, dataDirectory ?? Path.Combine(Path.GetTempPath(), "fedunlearn-client-" + Guid.NewGuid().ToString("N")));
    }

    public FederationClientOptions Options(Uri? address = null, string token = FakeFederationServer.Token, TimeProvider? time = null)
    {
        var options = new FederationClientOptions
        {
            ServerAddress = address ?? Server.Address,
            Token = token,
            ClientId = "alice",
            DataDirectory = DataDirectory,
            TimeProvider = time ?? TimeProvider.System,
        };
        options.Resilience.Calls.BaseDelay = TimeSpan.Zero;
        options.Resilience.Calls.MaxDelay = TimeSpan.Zero;
        options.Resilience.ReconnectBaseDelay = TimeSpan.Zero;
        options.Resilience.ReconnectMaxDelay = TimeSpan.Zero;
        options.Resilience.CircuitBreakerEnabled = false;
        return options;
    }

    public async Task<FederationClient> CreateClientAsync(FederationClientOptions? options = null)
    {
        Client = await FederationClient.CreateAsync(options ?? Options(), context =>
        {
            Context = context;
            return Learner;
        });
        Client.TaskSubmitted += (_, e) => Submitted.Writer.TryWrite(e);
        Client.Disconnected += (_, e) => Disconnects.Writer.TryWrite(e);
        Client.Joined += (_, e) => Joins.Writer.TryWrite(e);
        Client.TaskProgress += (_, e) => { lock (Progress) Progress.Add(e); };
        return Client;
    }

    public async Task<FederationClient> StartClientAsync(FederationClientOptions? options = null)
    {
        await CreateClientAsync(options);
        if (_stop.IsCancellationRequested) _stop = new CancellationTokenSource();
        _run = Client.RunAsync(_stop.Token);
        return Client;
    }

    /// <summary>Stops the run, closes the client (its store too), keeping the data directory.</summary>
    public async Task StopClientAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run);
        await Client.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try { await _run; } catch (Exception) { /* the test already judged the run */ }
        }

        if (Client is not null) await Client.DisposeAsync();
        await Server.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* leftover temp dir must not fail a test */ }
    }
}

/// <summary>Awaiting with a generous bound, so a broken test fails instead of hanging.</summary>
internal static class ChannelExtensions
{
    public static Task<T> NextAsync<T>(this Channel<T> channel) => channel.Reader.ReadAsync().AsTask().WaitAsync(ClientHarness.Patience);
}
