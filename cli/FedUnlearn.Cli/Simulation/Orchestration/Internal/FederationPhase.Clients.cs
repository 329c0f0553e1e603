using FedUnlearn.Client;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Training;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

internal sealed partial class FederationPhase
{
    private readonly List<FederationClient> _clients = [];
    private readonly Dictionary<int, FederationClient> _byIndex = [];
    private readonly Dictionary<int, string> _tokens = [];

    /// <summary>This federation's store and client tokens, for a later federation to continue (after <see cref="StopAsync"/>).</summary>
    public FederationHistory History => new(ServerDirectory, new Dictionary<int, string>(_tokens));

    /// <summary>The id simulated client <paramref name="index"/> is admitted with.</summary>
    public static string ClientName(int index) => $"client-{index:D3}";

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
    /// the seeded client sampling picks the same clients on every run. On a continued store the clients
    /// are admitted already and connect with their <paramref name="tokens"/>.
    /// </summary>
    private async Task AddClientsAsync(SimulationContext context, IReadOnlyList<int> active, int? unlearners, string directory, IReadOnlyDictionary<int, string>? tokens,
        CancellationToken cancellationToken)
    {
        var trainers = ServerOptionsFactory.ClientsPerRound(context.Scenario, active.Count);
        var order = new SubmissionOrder(kind => kind == ClientTaskKind.Train ? trainers : unlearners ?? active.Count);
        foreach (var index in active)
        {
            var id = ClientName(index);
            var token = tokens is not null
                ? tokens[index]
                : (await Admin.AddClientAsync(new AddClientRequest { ClientId = id, DisplayName = $"simulated client {index}" },
                    new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false)).Token;
            _tokens[index] = token;
            var options = new FederationClientOptions
            {
                ServerAddress = Relay.Address,
                ClientId = id,
                Token = token,
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
        return new SimulatedLearner(learner, index, order, samples, () => context.AttackBoost(index));
    }
}
