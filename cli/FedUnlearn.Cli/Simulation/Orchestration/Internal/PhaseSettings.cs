using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Forget;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>One federation of the simulation: where it starts from, how many training rounds it commits, which method its campaign runs.</summary>
/// <param name="Label">Names its directory, e.g. <c>train-1-3</c> or <c>request-1-rfa</c>.</param>
/// <param name="InitialAdapter">The global adapter it starts from.</param>
/// <param name="Rounds">Training rounds to commit; 0 runs until stopped (a campaign federation, or a sharded one that trains around its request).</param>
/// <param name="Seed">The server's seed (client sampling, task seeds).</param>
internal sealed record PhaseSettings(string Label, ParameterSet InitialAdapter, int Rounds, int Seed)
{
    /// <summary>The forget method a campaign federation runs, under its server name, with its settings.</summary>
    public (string Name, ForgetMethodSettings Settings)? Method { get; init; }

    /// <summary>
    /// True for a campaign federation: its server starts no training round, so that its store ends with the
    /// campaign's verification round however long the clients take to stop (a later federation continues that store).
    /// </summary>
    public bool TrainingPaused { get; init; }

    /// <summary>Shard adapters of the federation (1: one global adapter; K ≥ 2 for sharded-exact).</summary>
    public int Shards { get; init; } = 1;

    /// <summary>A stopped federation whose store this one continues (a copy of it; its clients keep their tokens); null for a fresh store.</summary>
    public FederationHistory? History { get; init; }

    /// <summary>Clients that do not connect to this federation (a leaving client that went offline).</summary>
    public IReadOnlySet<int> Offline { get; init; } = new HashSet<int>();

    /// <summary>Clients that get an unlearning task in each campaign round; null for every active client (see <see cref="ForgetMethods.Corrects"/>).</summary>
    public int? Unlearners { get; init; }

    /// <summary>How the aggregator verifies its campaign; null for the simulation's default (report only, judge nothing).</summary>
    public VerificationPolicy? Verification { get; init; }
}
