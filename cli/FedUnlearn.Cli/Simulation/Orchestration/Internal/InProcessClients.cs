using System.Collections.Concurrent;
using FedUnlearn.Client;
using FedUnlearn.Client.Storage;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The clients of a federation as <see cref="FederationClient"/> nodes in this process, their task loops on
/// the thread pool. The simulation's tombstones of earlier requests join each node's own (<see cref="UnionTombstones"/>).
/// </summary>
internal sealed class InProcessClients(SimulationContext context, Uri serverAddress, SubmissionOrder order,
    ConcurrentDictionary<(long Round, int Client), int> samples) : ISimulatedClients
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Index, FederationClient Client)> _clients = [];
    private readonly List<Task> _running = [];

    public Task Failed => _failed.Task;

    public async Task AddAsync(int index, string clientId, string token, string directory, CancellationToken cancellationToken)
    {
        var options = new FederationClientOptions { ServerAddress = serverAddress, ClientId = clientId, Token = token, DataDirectory = directory };
        var client = await FederationClient.CreateAsync(options, node =>
        {
            var tombstones = new UnionTombstones(context.Tombstones[index], node.Tombstones);
            var learner = ClientLearner.Create(context.ClientModels[index], context.Data, index, tombstones, node,
                context.Amnesiac.Journal(index), AmnesiacHistory.Offset(context.PhaseNumber));
            return new SimulatedLearner(learner, (round, count, token) =>
            {
                // A sharded task's settings carry round 0 (its seed must not depend on the round): take the task's.
                if (round == 0) round = order.RoundOf(index);
                samples[(round, index)] = count;
                return order.WaitTurnAsync(index, round, token);
            }, () => context.AttackBoost(index, tombstones));
        }, cancellationToken).ConfigureAwait(false);
        client.TaskStarted += (_, e) => order.Started(index, e.TaskId, (long)e.Round, e.Kind);
        client.TaskSubmitted += (_, e) => order.Submitted(e.TaskId);
        _clients.Add((index, client));
    }

    public Task ReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> RequestForgetAsync(int index, ForgetRequestDraft request, CancellationToken cancellationToken)
    {
        var local = await _clients.Single(c => c.Index == index).Client.RequestForgetAsync(request, cancellationToken).ConfigureAwait(false);
        return local.TicketId ?? throw new SimulationException($"Client {index}: the server did not acknowledge its forget request {local.RequestId}.");
    }

    public void Run()
    {
        foreach (var (_, client) in _clients)
        {
            _running.Add(Task.Run(async () =>
            {
                try
                {
                    await client.RunAsync(_stop.Token).ConfigureAwait(false);
                    if (!_stop.IsCancellationRequested)
                        _failed.TrySetException(new SimulationException($"Client {client.ClientId} was removed by the server."));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    _failed.TrySetException(new SimulationException($"Client {client.ClientId} stopped: {ex.Message}", ex));
                }
            }));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The clients end by cancellation.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var (_, client) in _clients) await client.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
