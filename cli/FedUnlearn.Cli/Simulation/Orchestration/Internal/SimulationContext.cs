using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// What lasts across the federations of one simulation: the data, the base, one model per client
/// (reused by every federation the client joins), the tombstones of completed requests, and the models the simulation evaluates with.
/// </summary>
internal sealed class SimulationContext : IDisposable
{
    private int _phases;

    private SimulationContext(Scenario scenario, SimulationData data, BaseModel baseModel, string workDirectory,
        ClassifierModel[] clientModels, ClassifierModel evaluated, ClassifierModel reference)
    {
        Scenario = scenario;
        Data = data;
        Base = baseModel;
        WorkDirectory = workDirectory;
        ClientModels = clientModels;
        Evaluated = evaluated;
        Reference = reference;
        Tombstones = [.. clientModels.Select(_ => new TombstoneSet())];
        Amnesiac = new AmnesiacHistory(Path.Combine(workDirectory, "amnesiac"), scenario);
    }

    /// <summary>The clients' amnesiac journals and training-round weights (when the scenario lists amnesiac).</summary>
    public AmnesiacHistory Amnesiac { get; }

    /// <summary>The number of the latest federation started (see <see cref="NextPhaseDirectory"/>).</summary>
    public int PhaseNumber => _phases;

    public Scenario Scenario { get; }

    public SimulationData Data { get; }

    public BaseModel Base { get; }

    public string WorkDirectory { get; }

    public IReadOnlyList<ClassifierModel> ClientModels { get; }

    /// <summary>The model central evaluation loads adapters into.</summary>
    public ClassifierModel Evaluated { get; }

    /// <summary>The reference (retrained) model distances are measured against.</summary>
    public ClassifierModel Reference { get; }

    /// <summary>Per client, the samples of completed forget requests.</summary>
    public IReadOnlyList<TombstoneSet> Tombstones { get; }

    /// <summary>Clients that left the federation (client-scope requests): they take part in nothing afterwards.</summary>
    public ISet<int> Departed { get; } = new HashSet<int>();

    /// <summary>
    /// The boost γ client <paramref name="client"/> applies to its training updates: a backdoor request's
    /// <c>boost</c> while the client still holds live poisoned samples of it, otherwise 1. <paramref name="tombstones"/>
    /// are the client's own (a request it has just filed counts: an attacker that asked to forget its poison stops).
    /// </summary>
    public double AttackBoost(int client, ITombstoneStore? tombstones = null)
    {
        var dead = tombstones ?? Tombstones[client];
        foreach (var (k, ids) in Data.Poisoned)
        {
            var request = Scenario.ForgetRequests[k];
            if (request.Client == client && request.Backdoor is { Boost: > 1 } b && ids.Any(id => !dead.Contains(id))) return b.Boost;
        }

        return 1;
    }

    /// <summary>The indices of the clients taking part: every client that has not left.</summary>
    public IReadOnlyList<int> ActiveClients => [.. Enumerable.Range(0, ClientModels.Count).Where(c => !Departed.Contains(c))];

    public static async Task<SimulationContext> CreateAsync(Scenario scenario, SimulationData data, BaseModel baseModel, string workDirectory,
        CancellationToken cancellationToken)
    {
        var models = new List<ClassifierModel>();
        try
        {
            for (var i = 0; i < scenario.Clients.Count + 2; i++) models.Add(await baseModel.LoadAsync(cancellationToken).ConfigureAwait(false));
            return new SimulationContext(scenario, data, baseModel, workDirectory, [.. models.Take(scenario.Clients.Count)], models[^2], models[^1]);
        }
        catch
        {
            foreach (var m in models) m.Dispose();
            throw;
        }
    }

    /// <summary>A fresh directory for the next federation.</summary>
    public string NextPhaseDirectory(string label)
    {
        var path = Path.Combine(WorkDirectory, $"{++_phases:D2}-{label}");
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var m in ClientModels) m.Dispose();
        Evaluated.Dispose();
        Reference.Dispose();
    }
}
