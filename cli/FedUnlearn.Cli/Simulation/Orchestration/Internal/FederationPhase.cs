using System.Collections.Concurrent;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Client;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// One federation on loopback: a <see cref="FederationServer"/> on a fresh data directory, a byte-counting
/// relay in front of it, and one client node per active client (in this process or in its own, per the
/// scenario's <c>clients.processes</c>), admitted through the Admin service like real nodes. Training
/// segments and every method's campaign each get their own, so that every method starts from exactly the same state.
/// </summary>
internal sealed class FederationPhase : IAsyncDisposable
{
    private readonly GrpcChannel _adminChannel;
    private readonly ISimulatedClients _clients;
    private readonly Dictionary<int, string> _tokens = [];
    private bool _stopped;

    private FederationPhase(SimulationContext context, PhaseSettings settings, IReadOnlyList<int> active, FederationServer server,
        ByteCountingRelay relay, GrpcChannel adminChannel, string adminToken, string directory, CancellationToken cancellationToken)
    {
        Server = server;
        Relay = relay;
        _adminChannel = adminChannel;
        Admin = new AdminRpcClient(adminChannel, adminToken);
        ServerDirectory = directory;
        Order = PhaseOrder.Create(context, settings, active);
        _clients = context.Scenario.Clients.Processes == ClientProcesses.Separate
            ? new ProcessClients(context, relay.Address, Admin, Order, Samples, cancellationToken)
            : new InProcessClients(context, relay.Address, Order, Samples);
    }

    /// <summary>The order in which the clients hand their results over (and any round held back).</summary>
    public SubmissionOrder Order { get; }

    public FederationServer Server { get; }

    public ByteCountingRelay Relay { get; }

    public AdminRpcClient Admin { get; }

    public string ServerDirectory { get; }

    /// <summary>Samples each client's learner trained or unlearned on, by server round and client index.</summary>
    public ConcurrentDictionary<(long Round, int Client), int> Samples { get; } = new();

    /// <summary>Faults when a client stops for a reason other than the phase stopping it.</summary>
    public Task Failed => _clients.Failed;

    public static async Task<FederationPhase> StartAsync(SimulationContext context, PhaseSettings settings, CancellationToken cancellationToken)
    {
        var directory = context.NextPhaseDirectory(settings.Label);
        var active = context.ActiveClients.Where(c => !settings.Offline.Contains(c)).ToList();
        var serverDirectory = Path.Combine(directory, "server");
        settings.History?.CopyTo(serverDirectory);
        // A continued store holds the clients that left before and the one leaving now.
        var gone = settings.History is null ? 0 : context.Departed.Count + settings.Offline.Count;
        var options = ServerOptionsFactory.Create(context, settings, serverDirectory, active.Count, gone);
        var server = new FederationServer(options);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var relay = new ByteCountingRelay(server.Port);
        var phase = new FederationPhase(context, settings, active, server, relay, GrpcChannel.ForAddress(server.Address), options.AdminToken, serverDirectory, cancellationToken);
        try
        {
            await phase.AddClientsAsync(active, directory, settings.History?.Tokens, cancellationToken).ConfigureAwait(false);
            await phase._clients.ReadyAsync(cancellationToken).ConfigureAwait(false);
            return phase;
        }
        catch
        {
            await phase.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for round <paramref name="round"/>'s summary, failing fast when a client or the server failed.</summary>
    public async Task<RoundSummary> WaitForRoundAsync(long round, CancellationToken cancellationToken)
    {
        var summary = Server.WaitForRoundAsync(round, cancellationToken);
        await Task.WhenAny(summary, Failed, Server.Completion).ConfigureAwait(false);
        if (Failed.IsFaulted) await Failed.ConfigureAwait(false);
        if (Server.Completion.IsFaulted) await Server.Completion.ConfigureAwait(false);
        return await summary.ConfigureAwait(false);
    }

    /// <summary>Waits for forget request <paramref name="ticket"/>'s final status (its campaign's end), failing fast when a client or the server failed.</summary>
    public async Task<ForgetStatus> WaitForVerdictAsync(string ticket, CancellationToken cancellationToken)
    {
        var verdict = Server.WaitForForgetRequestAsync(ticket, cancellationToken);
        await Task.WhenAny(verdict, Failed, Server.Completion).ConfigureAwait(false);
        if (Failed.IsFaulted) await Failed.ConfigureAwait(false);
        if (Server.Completion.IsFaulted) await Server.Completion.ConfigureAwait(false);
        if (!verdict.IsCompleted && Server.Completion.IsCompleted)
            throw new SimulationException($"The server's round runner ended before forget request {ticket} was decided.");
        return await verdict.ConfigureAwait(false);
    }

    /// <summary>Starts every client's task loop.</summary>
    public void RunClients() => _clients.Run();

    /// <summary>Stops the clients (the server keeps running).</summary>
    public Task StopClientsAsync() => _clients.StopAsync();

    /// <summary>Client <paramref name="index"/> files a forget request through the client SDK; returns the server's ticket.</summary>
    public Task<string> RequestForgetAsync(int index, ForgetRequestDraft request, CancellationToken cancellationToken) =>
        _clients.RequestForgetAsync(index, request, cancellationToken);

    /// <summary>Stops the clients, then the server (the store and audit log are closed afterwards).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await StopClientsAsync().ConfigureAwait(false);
        await Server.StopAsync().ConfigureAwait(false);
        await _clients.DisposeAsync().ConfigureAwait(false);
        await Relay.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Admits the clients with fixed ids (<c>client-000</c>, ...): the server orders clients by id, so
    /// the seeded client sampling picks the same clients on every run. On a continued store the clients
    /// are admitted already and connect with their <paramref name="tokens"/>.
    /// </summary>
    private async Task AddClientsAsync(IReadOnlyList<int> active, string directory, IReadOnlyDictionary<int, string>? tokens,
        CancellationToken cancellationToken)
    {
        foreach (var index in active)
        {
            var id = PhaseOrder.ClientId(index);
            var token = tokens is not null
                ? tokens[index]
                : (await Admin.AddClientAsync(new AddClientRequest { ClientId = id, DisplayName = $"simulated client {index}" },
                    new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false)).Token;
            _tokens[index] = token;
            await _clients.AddAsync(index, id, token, Path.Combine(directory, id), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>This federation's store and client tokens, for a later federation to continue (after <see cref="StopAsync"/>).</summary>
    public FederationHistory History => new(ServerDirectory, new Dictionary<int, string>(_tokens));

    /// <summary>Reads global adapters from the stopped server's store.</summary>
    public async Task<T> ReadStoreAsync<T>(Func<FederationStore, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!_stopped) throw new InvalidOperationException("Stop the federation before reading its store.");
        await using var store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = ServerDirectory }, TimeProvider.System, cancellationToken)
            .ConfigureAwait(false);
        return await read(store).ConfigureAwait(false);
    }

    /// <summary>The committed global adapter of <paramref name="version"/> (after <see cref="StopAsync"/>).</summary>
    public Task<ParameterSet> LoadAdapterAsync(long version, CancellationToken cancellationToken) =>
        ReadStoreAsync(store => store.LoadGlobalAsync(version, cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _adminChannel.Dispose();
    }
}
