using System.Diagnostics;
using System.Reflection;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Torch;

namespace FedUnlearn.Cli.Simulation.Orchestration;

/// <summary>
/// Runs a <see cref="Scenario"/>: an aggregator and N clients over real gRPC on loopback, the clients in this
/// process or, with <c>clients.processes: separate</c>, each in its own <c>fedunlearn client</c> process (same numbers either way).
/// The data is built once and the frozen base pre-trained centrally on the public split; federated
/// training then runs until each forget request's round, where every listed method runs its campaign
/// from the same global model in a federation of its own; all results are measured centrally against
/// retraining, and training resumes from the retrained model. Same scenario and seed, same numbers
/// (wall times and byte counts aside).
/// </summary>
public sealed partial class SimulationRunner(ISimulationProgress? progress = null)
{
    private readonly ISimulationProgress _progress = progress ?? SimulationProgress.Silent;

    /// <summary>Runs <paramref name="scenario"/> to the end and returns every figure (write them with <see cref="ReportWriter"/>).</summary>
    /// <exception cref="ScenarioException">The scenario asks for something this build cannot run (a method not built yet, a client-scope request).</exception>
    /// <exception cref="SimulationException">The data is missing, or a federation or a client process failed; the message says where.</exception>
    public async Task<SimulationResults> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        CheckSupported(scenario);
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("fedunlearn-simulate-").FullName;
        var threads = torch.get_num_threads();
        // The clients train in parallel on the thread pool; one libtorch thread each keeps the cores from being oversubscribed.
        torch.set_num_threads(1);
        try
        {
            _progress.Stage($"Preparing the data ({(DataBuilder.Resolve(scenario.Dataset) == DatasetKind.FashionMnist ? "Fashion-MNIST" : "synthetic images")}, {scenario.Dataset.TrainSize} training samples, {scenario.Clients.Count} clients)");
            var data = await DataBuilder.BuildAsync(scenario, cancellationToken).ConfigureAwait(false);
            _progress.Stage(data.Public is { } p ? $"Pre-training the base model on {p.Count} public samples" : "Initialising the base model (no public data)");
            var baseModel = await BaseModel.CreateAsync(scenario.Model.ToModelSpec(data.ClassCount), data.Public, (long)(scenario.Seed & long.MaxValue), work,
                cancellationToken).ConfigureAwait(false);
            using var context = await SimulationContext.CreateAsync(scenario, data, baseModel, work, cancellationToken).ConfigureAwait(false);
            if (scenario.Clients.Processes == ClientProcesses.Separate) await ProcessClients.WriteScenarioAsync(context, cancellationToken).ConfigureAwait(false);
            var line = new Timeline(baseModel.InitialAdapter);
            for (var k = 0; k < scenario.ForgetRequests.Count; k++)
            {
                if (scenario.ForgetRequests[k].AtRound > line.Trained)
                    await TrainAsync(context, line, scenario.ForgetRequests[k].AtRound, cancellationToken).ConfigureAwait(false);
                await ForgetAsync(context, line, k, cancellationToken).ConfigureAwait(false);
            }

            if (line.Trained < scenario.Training.Rounds) await TrainAsync(context, line, scenario.Training.Rounds, cancellationToken).ConfigureAwait(false);
            return new SimulationResults
            {
                Scenario = scenario,
                Environment = EnvironmentInfo.Capture(scenario.Seed, data.Kind, Version(), LibTorchVersion),
                Rounds = line.Rounds,
                ForgetEvents = line.Events,
                Requests = line.Requests,
                WallTimeSeconds = clock.Elapsed.TotalSeconds,
            };
        }
        catch (Rpc.RpcException e) when (e.StatusCode == Rpc.StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // A gRPC call cut short by our own cancellation reports CANCELLED: to the caller it is the run being cancelled.
            throw new OperationCanceledException("The simulation was cancelled.", e, cancellationToken);
        }
        finally
        {
            torch.set_num_threads(threads);
            TryDelete(work);
        }
    }

    /// <summary>The libtorch the engine is built against (Debian's libtorch-dev).</summary>
    public const string LibTorchVersion = "1.13.1";

    private static void CheckSupported(Scenario scenario)
    {
        var available = string.Join(", ", MethodPlan.Available());
        var errors = MethodPlan.Unavailable(scenario)
            .Select(u => new ScenarioError(u.Path, $"'{u.Name}' cannot be simulated yet: {u.Reason} (available: {available})"))
            .ToList();
        var sharded = scenario.Methods.ToList().FindIndex(m => m.Name == MethodCatalog.ShardedExact);
        for (var i = 0; i < scenario.ForgetRequests.Count && sharded >= 0; i++)
        {
            if (i == 0 && scenario.Training.ClientsPerRound is not null)
                errors.Add(new ScenarioError("training.clientsPerRound",
                    "'sharded-exact' is simulated with every client training every round (its shards' fold order is fixed per shard); leave clientsPerRound out"));
            if (scenario.ForgetRequests[i].Scope == ForgetScope.Class)
                errors.Add(new ScenarioError($"methods[{sharded}].name",
                    $"'sharded-exact' cannot serve forgetRequests[{i}] (class scope): a sharded federation retrains a shard with training tasks, which cannot leave a class out; compare it on 'samples' requests"));
        }
        var boosted = scenario.ForgetRequests.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Backdoor is { Boost: > 1 });
        if (scenario.Clients.Processes == ClientProcesses.Separate && boosted.r is not null)
            errors.Add(new ScenarioError($"forgetRequests[{boosted.i}].backdoor.boost",
                "the boosted attacker is simulated with in-process clients only (set clients.processes to in-process)"));
        if (errors.Count > 0) throw new ScenarioException("scenario", errors);
    }

    private static string Version() =>
        typeof(SimulationRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
