using FedUnlearn.Cli.Common;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Client;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// One client of a simulation scenario, for <c>fedunlearn client --scenario</c>: the data is rebuilt from the
/// scenario with the simulation's own seeded <see cref="DataBuilder"/> and the node keeps partition <c>index</c>
/// (and its slice of the test split); the learner is the one the in-process simulation builds (<see cref="ClientLearner"/>).
/// </summary>
internal sealed class ScenarioNode
{
    private readonly SimulationData _data;
    private readonly ModelSpec _spec;
    private readonly string _basePath;
    private ClassifierModel? _model;

    private ScenarioNode(Scenario scenario, SimulationData data, int index, string basePath)
    {
        Scenario = scenario;
        _data = data;
        Index = index;
        _spec = scenario.Model.ToModelSpec(data.ClassCount);
        _basePath = basePath;
    }

    public Scenario Scenario { get; }

    public int Index { get; }

    /// <summary>Training samples of this node's partition.</summary>
    public int SampleCount => _data.Clients[Index].Count;

    /// <summary>Reads the scenario and builds the data; a clear <see cref="CliException"/> for a bad file or index.</summary>
    public static async Task<ScenarioNode> LoadAsync(FileInfo file, int index, string basePath, CancellationToken cancellationToken)
    {
        try
        {
            var scenario = await ScenarioLoader.LoadAsync(file.ToString(), cancellationToken).ConfigureAwait(false);
            if (index < 0 || index >= scenario.Clients.Count)
                throw new CliException($"--client-index must be in 0..{scenario.Clients.Count - 1} for scenario '{scenario.Name}' (got {index}).");
            var data = await DataBuilder.BuildAsync(scenario, cancellationToken).ConfigureAwait(false);
            return new ScenarioNode(scenario, data, index, basePath);
        }
        catch (Exception ex) when (ex is ScenarioException or SimulationException)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    /// <summary>Loads the model (and libtorch) now rather than at the first Join, so that a simulation's clock does not see it.</summary>
    public async Task PreloadAsync(CancellationToken cancellationToken) => _model ??= await LoadModelAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The learner, on a fresh model from the base file; with <paramref name="control"/>, results wait for the simulation's go.</summary>
    public async ValueTask<ILocalLearner> CreateLearnerAsync(LearnerContext node, ControlChannel? control, CancellationToken cancellationToken)
    {
        var model = _model ?? await LoadModelAsync(cancellationToken).ConfigureAwait(false);
        _model = null;
        var learner = ClientLearner.Create(model, _data, Index, node.Tombstones, node);
        return control is null ? learner : new SimulatedLearner(learner, control.HandOverAsync);
    }

    private Task<ClassifierModel> LoadModelAsync(CancellationToken cancellationToken)
    {
        // The simulation trains every client with one libtorch thread: the same thread count gives the same float results.
        torch.set_num_threads(1);
        return ModelFactory.LoadBaseAsync(_basePath, _spec.LoRA, cancellationToken);
    }
}
