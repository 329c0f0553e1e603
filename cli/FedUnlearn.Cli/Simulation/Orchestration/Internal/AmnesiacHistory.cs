using System.Collections.Concurrent;
using System.Globalization;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// What federated <c>amnesiac</c> needs across a simulation's federations: one journal per client for the whole run
/// (each federation's rounds keyed apart by <see cref="Offset"/>), and each client's aggregation weight per committed
/// training round. A campaign federation starts with an empty store, so the simulation hands the requester's weights
/// to its server in the method options. Only kept when the scenario lists <c>amnesiac</c>.
/// </summary>
internal sealed class AmnesiacHistory(string directory, Scenario scenario)
{
    private readonly ConcurrentDictionary<int, AmnesiacJournal> _journals = new();
    private readonly ConcurrentDictionary<int, SortedDictionary<long, double>> _weights = new();

    /// <summary>True when a method of the scenario needs the journals.</summary>
    public bool Enabled { get; } = scenario.Methods.Any(m => m.Name == MethodCatalog.Amnesiac);

    /// <summary>The journal key offset of federation number <paramref name="phase"/>: its round r is recorded as offset + r.</summary>
    public static long Offset(int phase) => phase * 1_000_000L;

    /// <summary>Client <paramref name="client"/>'s journal (every training round of the run is kept); null when not <see cref="Enabled"/>.</summary>
    public AmnesiacJournal? Journal(int client) => !Enabled ? null : _journals.GetOrAdd(client, c => new AmnesiacJournal(
        Path.Combine(directory, PhaseOrder.ClientId(c)),
        new AmnesiacJournalOptions { MaxRounds = Math.Max(AmnesiacJournalOptions.DefaultMaxRounds, scenario.Training.Rounds) }));

    /// <summary>Records the FedAvg weights of a committed training round: each contributor's samples over theirs in total.</summary>
    public void Committed(long offset, RoundSummary summary, IReadOnlyDictionary<(long Round, int Client), int> samples)
    {
        if (!Enabled) return;
        var counts = summary.Contributors.Select(ClientIndex).Select(c => (Client: c, Samples: samples.GetValueOrDefault((summary.Round, c)))).ToList();
        double total = counts.Sum(c => c.Samples);
        foreach (var (client, n) in counts.Where(c => c.Samples > 0))
        {
            var weights = _weights.GetOrAdd(client, _ => []);
            lock (weights) weights[offset + summary.Round] = n / total;
        }
    }

    /// <summary>The <c>round-weights</c> option of client <paramref name="client"/>: <c>round:weight</c> pairs.</summary>
    public string Weights(int client)
    {
        if (!_weights.TryGetValue(client, out var weights)) return "";
        lock (weights)
            return string.Join(',', weights.Select(w => w.Key.ToString(CultureInfo.InvariantCulture) + ":" + w.Value.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>The index of a simulated client from its id (<c>client-NNN</c>, see <c>FederationPhase.AddClientsAsync</c>).</summary>
    private static int ClientIndex(string clientId) => int.Parse(clientId.AsSpan(clientId.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
}
