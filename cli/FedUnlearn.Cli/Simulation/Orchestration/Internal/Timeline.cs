using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>The simulation's main line: the global adapter it continues from and what has been recorded so far.</summary>
internal sealed class Timeline(ParameterSet initial)
{
    /// <summary>The adapter training started from (sharded-exact trains its own sharded federation from it).</summary>
    public ParameterSet Initial { get; } = initial;

    /// <summary>The global adapter training continues from.</summary>
    public ParameterSet Current { get; set; } = initial;

    /// <summary>Training rounds committed on the main line.</summary>
    public int Trained { get; set; }

    /// <summary>
    /// The stopped federation whose store holds every round that built <see cref="Current"/> since the adapter
    /// was initialised (training from the base, or a retraining's reset); null when no single store does.
    /// A leaving client is removed from it.
    /// </summary>
    public FederationHistory? History { get; set; }

    /// <summary>Global versions committed on the main line (training rounds and the adopted campaigns' commits).</summary>
    public long Version { get; set; }

    public List<RoundRecord> Rounds { get; } = [];

    public List<ForgetEvent> Events { get; } = [];

    public List<ForgetRequestResult> Requests { get; } = [];
}
