using System.Collections.Concurrent;
using System.Globalization;
using FedUnlearn.Cli.Common;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The clients of a federation as separate OS processes, each the real <c>fedunlearn client</c> command with
/// <c>--scenario</c>: it rebuilds the scenario's data with the same seeded <see cref="DataBuilder"/> and keeps
/// partition <c>--client-index</c>, so it trains on exactly the samples the in-process client would. The processes
/// start with the federation and wait, ready, until released (start-up stays out of the measured times). Each
/// client's fresh store is prepared before its release with what a long-lived node's store would hold: the
/// tombstones of earlier forget requests, and a request filed for this federation, which the client SDK sends
/// (counts only) when it connects, before it opens its task stream. The token travels in the environment, not on the command line.
/// </summary>
internal sealed partial class ProcessClients(SimulationContext context, Uri serverAddress, AdminRpcClient admin, SubmissionOrder order,
    ConcurrentDictionary<(long Round, int Client), int> samples, CancellationToken simulationCancelled) : ISimulatedClients
{
    /// <summary>The scenario file client processes read, in the simulation's work directory.</summary>
    public const string ScenarioFileName = "scenario.json";

    private static readonly TimeSpan AcceptPoll = TimeSpan.FromMilliseconds(50);
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly SortedDictionary<int, (ClientProcess Process, string Directory)> _clients = [];
    private readonly HashSet<int> _released = [];

    private readonly ConcurrentDictionary<int, TaskCompletionSource> _ready = new(), _joined = new();

    /// <summary>How long a client process may take to start and join the federation (or file its forget request) before the simulation gives up on it.</summary>
    public static TimeSpan StartDeadline { get; } = TimeSpan.FromMinutes(2);

    public Task Failed => _failed.Task;

    /// <summary>Writes the scenario the client processes read (once per simulation).</summary>
    public static Task WriteScenarioAsync(SimulationContext context, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(context.WorkDirectory, ScenarioFileName), ScenarioLoader.Serialize(context.Scenario), cancellationToken);

    public async Task AddAsync(int index, string clientId, string token, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (context.Tombstones[index].Snapshot() is { Length: > 0 } earlier)
        {
            await using var store = await ClientStore.OpenAsync(directory, cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.Tombstones.AddAsync(earlier, cancellationToken).ConfigureAwait(false);
        }

        string[] arguments =
        [
            "client", "--server", serverAddress.ToString(), "--name", clientId, "--data-dir", directory, "--device", "cpu",
            "--base", context.Base.Path, "--scenario", Path.Combine(context.WorkDirectory, ScenarioFileName),
            "--client-index", index.ToString(CultureInfo.InvariantCulture), "--simulation-control",
        ];
        var start = ClientCommandLine.Create(arguments, new Dictionary<string, string> { [CliOptions.ClientTokenVariable] = token });
        var process = new ClientProcess(index, clientId, start, OnEvent, simulationCancelled);
        _clients[index] = (process, directory);
        // Started now, all at once: each builds its data and loads its model, then waits for Release before it opens its store.
        process.Start();
        _ = ForwardFailureAsync(process);
    }

    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        var ready = Task.WhenAll(_clients.Keys.Select(i => ReadyOf(i).Task));
        try
        {
            await Task.WhenAny(ready, _failed.Task).WaitAsync(StartDeadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var late = _clients.Values.First(c => !ReadyOf(c.Process.Index).Task.IsCompleted).Process;
            throw new SimulationException($"Client {late.Index} ({late.Name}) was not ready within {StartDeadline.TotalSeconds:0} s of its start.{Tail(late)}");
        }

        if (_failed.Task.IsCompleted) await _failed.Task.ConfigureAwait(false);
    }

    public async Task<string> RequestForgetAsync(int index, ForgetRequestDraft request, CancellationToken cancellationToken)
    {
        var (process, directory) = _clients[index];
        await using (var store = await ClientStore.OpenAsync(directory, cancellationToken: cancellationToken).ConfigureAwait(false))
            await store.ForgetRequests.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        Release(process);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        try
        {
            while (true)
            {
                var listed = await admin.ListForgetRequestsAsync(new ListForgetRequestsRequest(), new CallOptions { CancellationToken = deadline.Token })
                    .ConfigureAwait(false);
                if (listed.Requests.FirstOrDefault(r => r.RequestedBy == process.Name) is { } accepted) return accepted.TicketId;
                await Task.WhenAny(Task.Delay(AcceptPoll, deadline.Token), _failed.Task).ConfigureAwait(false);
                if (_failed.Task.IsFaulted) await _failed.Task.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SimulationException($"Client {index} ({process.Name}) did not file its forget request within {StartDeadline.TotalSeconds:0} s.{Tail(process)}");
        }
    }

    public void Run()
    {
        foreach (var (process, _) in _clients.Values) Release(process);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_clients.Values.Select(c => c.Process.StopAsync())).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var (process, _) in _clients.Values) await process.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Release(ClientProcess process)
    {
        if (!_released.Add(process.Index)) return;
        process.Release();
        _ = WatchJoinAsync(process);
    }
}
