using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// What one round does, beyond the runner's common machinery (tasks, deadline, validation, commit):
/// which clients, which task, which commit rule. Training rounds, forget campaign rounds and
/// verification rounds are all plans.
/// </summary>
internal sealed record RoundPlan
{
    /// <summary>What the round is recorded as: train, unlearn (a campaign's round) or evaluate.</summary>
    public TaskKind RoundKind { get; init; } = TaskKind.Train;

    /// <summary>What its tasks ask (a campaign's repair rounds are training tasks in an unlearn round).</summary>
    public TaskKind TaskKind { get; init; } = TaskKind.Train;

    /// <summary>The forget request served; null for ordinary training.</summary>
    public string? TicketId { get; init; }

    /// <summary>Picks the round's clients from those online; null uses the strategy's training selection.</summary>
    public Func<RoundContext, IReadOnlyList<ClientSession>, IReadOnlyList<string>>? Select { get; init; }

    /// <summary>Sets the task's kind-specific part (Train, Unlearn or Evaluate) for a client.</summary>
    public required Action<ClientTask, string> Describe { get; init; }

    /// <summary>Accepted results needed to close successfully; null uses the server's MinUpdates.</summary>
    public int? MinUpdates { get; init; }

    /// <summary>A reason to abandon a round that has enough updates (e.g. the forgetting client's update is missing); null commits.</summary>
    public Func<AggregationSummary, string?>? Veto { get; init; }

    /// <summary>Local optimisation settings; null uses the server's.</summary>
    public HyperParameters? HyperParameters { get; init; }

    /// <summary>Task seed; null derives one from the server seed and the round number.</summary>
    public ulong? Seed { get; init; }
}
