using System.Collections.Concurrent;
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
/// relay in front of it, and one <c>FederationClient</c> per active client, admitted through the
/// Admin service like real nodes. Training segments and every method's campaign each get their own, so
/// that every method starts from exactly the same state.
/// </summary>
internal sealed partial class FederationPhase : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopClients = new();
    private readonly GrpcChannel _adminChannel;
    private readonly List<Task> _running = [];
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;

    private FederationPhase(FederationServer server, ByteCountingRelay relay, GrpcChannel adminChannel, string adminToken, string directory)
    {
        Server = server;
        Relay = relay;
        _adminChannel = adminChannel;
        Admin = new AdminRpcClient(adminChannel, adminToken);
        ServerDirectory = directory;
    }

    public FederationServer Server { get; }

    public ByteCountingRelay Relay { get; }

    public AdminRpcClient Admin { get; }

    public string ServerDirectory { get; }

    /// <summary>Samples each client's learner trained or unlearned on, by server round and client index.</summary>
    public ConcurrentDictionary<(long Round, int Client), int> Samples { get; } = new();

    /// <summary>Faults when a client stops for a reason other than the phase stopping it.</summary>
    public Task Failed => _failed.Task;

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
        var phase = new FederationPhase(server, relay, GrpcChannel.ForAddress(server.Address), options.AdminToken, serverDirectory);
        try
        {
            await phase.AddClientsAsync(context, active, settings.Unlearners, directory, settings.History?.Tokens, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Stops the clients (the server keeps running).</summary>
    public async Task StopClientsAsync()
    {
        await _stopClients.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The clients end by cancellation.
        }
    }

    /// <summary>Stops the clients, then the server (the store and audit log are closed afterwards).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await StopClientsAsync().ConfigureAwait(false);
        await Server.StopAsync().ConfigureAwait(false);
        foreach (var client in _clients) await client.DisposeAsync().ConfigureAwait(false);
        await Relay.DisposeAsync().ConfigureAwait(false);
    }

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
        _stopClients.Dispose();
    }
}
