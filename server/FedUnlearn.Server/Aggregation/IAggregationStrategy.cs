namespace FedUnlearn.Server.Aggregation;

/// <summary>
/// The aggregation math of a federation, as a small object with one slot per step of a round
/// (Flower's strategy shape): whom to train and with what config, how to fold the updates into a
/// new global adapter, whom to evaluate, and how to combine their reports. The round runner owns
/// the timing and the transport; a strategy only decides.
/// </summary>
public interface IAggregationStrategy
{
    /// <summary>A short stable name for logs, configs and the audit log, e.g. <c>fedavg</c>.</summary>
    string Name { get; }

    /// <summary>Chooses the clients that train this round and the config each receives.</summary>
    /// <param name="round">The round being started.</param>
    /// <param name="available">The clients connected and eligible now.</param>
    /// <returns>The selected clients; empty when too few are available to start a round.</returns>
    IReadOnlyList<ClientInstruction> ConfigureTrain(RoundContext round, IReadOnlyList<ClientInfo> available);

    /// <summary>
    /// The adapter tensors every training client must leave unchanged this round (exact LoRA: the A
    /// factors). Training tasks whose clients the strategy did not choose (a forget campaign's repair
    /// rounds) get these; <see cref="ConfigureTrain"/>'s instructions carry them too. Default: none.
    /// </summary>
    IReadOnlyList<string> FrozenParameters(RoundContext round) => [];

    /// <summary>
    /// Creates the accumulator that folds this round's updates, as they arrive, into the next global
    /// adapter. One per round; it validates every update before it counts.
    /// </summary>
    IUpdateAggregator CreateAggregator(RoundContext round);

    /// <summary>Chooses the clients that evaluate the global adapter this round and their config.</summary>
    IReadOnlyList<ClientInstruction> ConfigureEvaluate(RoundContext round, IReadOnlyList<ClientInfo> available);

    /// <summary>Combines the evaluation reports of a round (sample-weighted means by default).</summary>
    EvaluationSummary AggregateEvaluate(RoundContext round, IReadOnlyList<EvaluationResult> results);
}
