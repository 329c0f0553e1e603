using FedUnlearn.Client;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Training;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

internal sealed partial class FederationPhase
{
    private readonly List<FederationClient> _clients = [];
    private readonly Dictionary<int, FederationClient> _byIndex = [];

    /// <summary>The order in which the clients hand their results over (and any round held back).</summary>
    public SubmissionOrder Order { get; private set; } = null!;

    /// <summary>The client node of simulated client <paramref name="index"/>.</summary>
    public FederationClient Client(int index) => _byIndex[index];

    /// <summary>Starts every client's task loop.</summary>
    public void RunClients()
    {
        foreach (var client in _clients)
        {
            _running.Add(Task.Run(async () =>
            {
                try
                {
                    await client.RunAsync(_stopClients.Token).ConfigureAwait(false);
                    if (!_stopClients.IsCancellationRequested)
                        _failed.TrySetException(new SimulationException($"Client {client.ClientId} was removed by the server."));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stopClients.IsCancellationRequested)
                {
                    _failed.TrySetException(new SimulationException($"Client {client.ClientId} stopped: {ex.Message}", ex));
                }
            }));
        }
    }

    /// <summary>
    /// Admits the clients with fixed ids (<c>client-000</c>, ...): the server orders clients by id, so
    /// the seeded client sampling picks the same clients on every run.
    /// </summary>
    private async Task AddClientsAsync(SimulationContext context, IReadOnlyList<int> active, string directory, PhaseSettings settings,
        CancellationToken cancellationToken)
    {
        var trainers = ServerOptionsFactory.ClientsPerRound(context.Scenario, active.Count);
        var order = settings.Shards == 1
            ? new SubmissionOrder(kind => kind == ClientTaskKind.Train ? trainers : active.Count)
            : ShardedOrder(active, settings);
        Order = order;
        foreach (var index in active)
        {
            var id = ClientId(index);
            var added = await Admin.AddClientAsync(new AddClientRequest { ClientId = id, DisplayName = $"simulated client {index}" },
                new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            var options = new FederationClientOptions
            {
                ServerAddress = Relay.Address,
                ClientId = added.ClientId,
                Token = added.Token,
                DataDirectory = Path.Combine(directory, id),
            };
            var client = await FederationClient.CreateAsync(options, ctx => CreateLearner(context, index, ctx, order, Samples), cancellationToken)
                .ConfigureAwait(false);
            client.TaskStarted += (_, e) => order.Started(index, e.TaskId, (long)e.Round, e.Kind);
            client.TaskSubmitted += (_, e) => order.Submitted(e.TaskId);
            _clients.Add(client);
            _byIndex[index] = client;
        }
    }

    private static string ClientId(int index) => $"client-{index:D3}";

    /// <summary>
    /// Submission order per shard: a sharded federation's training round (every active client; simulate
    /// refuses client sampling with sharded-exact) and a shard's retraining round both ask every active
    /// client of a shard, and the server folds each shard on its own.
    /// </summary>
    private static SubmissionOrder ShardedOrder(IReadOnlyList<int> active, PhaseSettings settings)
    {
        int ShardOf(int index) => ClientShards.ShardOf(ClientId(index), settings.Shards, settings.Seed);
        var perShard = active.GroupBy(ShardOf).ToDictionary(g => g.Key, g => g.Count());
        return new SubmissionOrder((kind, shard) => kind == ClientTaskKind.Train ? perShard[shard] : active.Count, ShardOf);
    }

    private static SimulatedLearner CreateLearner(SimulationContext context, int index, LearnerContext node, SubmissionOrder order,
        System.Collections.Concurrent.ConcurrentDictionary<(long, int), int> samples)
    {
        var options = new LocalLearnerOptions
        {
            TestData = context.Data.ClientTests[index],
            ForgetSamples = new DelegateForgetSampleSource(node.ResolveForgetSamplesAsync),
            TrainingDefaults = new TrainingOptions { Optimizer = TrainingOptimizer.AdamW },
            // The simulation evaluates the global model centrally after each round; per-client figures would only cost time.
            EvaluateAfterTraining = false,
        };
        var learner = new LocalLearner(context.ClientModels[index], context.Data.Clients[index],
            new UnionTombstones(context.Tombstones[index], node.Tombstones), options);
        return new SimulatedLearner(learner, index, order, samples);
    }
}
