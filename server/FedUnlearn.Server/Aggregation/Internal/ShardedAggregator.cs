using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// One round of a sharded federation: each client's update is folded, as it arrives, only into its
/// own shard's aggregator (the strategy's, started from that shard's adapter), so a shard adapter
/// depends on its own clients alone. <see cref="Result"/> closes every shard and returns the new
/// served global (<see cref="ShardCombiner"/>) with the merged summary (contributors listed shard by
/// shard, each in arrival order); <see cref="Commits"/> then holds the shards that changed.
/// </summary>
internal sealed class ShardedAggregator : IUpdateAggregator
{
    private readonly IReadOnlyList<ShardSlot> _slots;
    private readonly IReadOnlyDictionary<string, int> _shardOf;
    private readonly SortedDictionary<int, IUpdateAggregator> _inner = [];
    private readonly ParameterSet _initial;
    private readonly Lock _gate = new();
    private readonly List<RejectedUpdate> _unrouted = [];
    private readonly List<RejectedUpdate> _unroutedFailures = [];
    private IReadOnlyList<ShardCommit>? _commits;

    /// <param name="round">The round, with the served global as its reference layout.</param>
    /// <param name="slots">Every shard's starting point, by shard.</param>
    /// <param name="shardOf">The shard of each client selected this round.</param>
    /// <param name="initial">The shards' common initial adapter (the combination when no shard holds samples).</param>
    /// <param name="create">The strategy's aggregator for one shard's context.</param>
    public ShardedAggregator(RoundContext round, IReadOnlyList<ShardSlot> slots, IReadOnlyDictionary<string, int> shardOf, ParameterSet initial,
        Func<RoundContext, IUpdateAggregator> create)
    {
        Round = round;
        _slots = slots;
        _shardOf = shardOf;
        _initial = initial;
        foreach (int shard in shardOf.Values.Distinct())
        {
            ShardSlot slot = slots[shard];
            _inner[shard] = create(new RoundContext(round.Round, slot.Version, slot.Adapter));
        }
    }

    public RoundContext Round { get; }

    public int AcceptedCount => _inner.Values.Sum(a => a.AcceptedCount);

    /// <summary>The new shard versions (shards with at least one accepted update), once <see cref="Result"/> ran.</summary>
    public IReadOnlyList<ShardCommit> Commits => _commits ?? throw new InvalidOperationException("The round's result is not taken yet.");

    public ValidationResult Add(ClientUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (_shardOf.TryGetValue(update.ClientId, out int shard)) return _inner[shard].Add(update);
        var refused = ValidationResult.Invalid($"client '{update.ClientId}' has no shard in round {Round.Round}");
        lock (_gate) _unrouted.Add(new RejectedUpdate(update.ClientId ?? "", refused.Reason!));
        return refused;
    }

    public void ReportFailure(string clientId, string reason)
    {
        if (_shardOf.TryGetValue(clientId, out int shard)) _inner[shard].ReportFailure(clientId, reason);
        else lock (_gate) _unroutedFailures.Add(new RejectedUpdate(clientId, reason));
    }

    public AggregationResult Result()
    {
        if (_commits is not null) throw new InvalidOperationException($"Round {Round.Round}'s aggregation result was already taken.");
        var slots = _slots.ToArray();
        var commits = new List<ShardCommit>();
        var metrics = new MetricAccumulator();
        var (accepted, weight, clipped) = (0, 0L, 0);
        List<string> contributors = [];
        List<RejectedUpdate> rejected = [], failures = [];
        foreach (var (shard, aggregator) in _inner)
        {
            AggregationResult result = aggregator.Result();
            AggregationSummary s = result.Summary;
            (accepted, weight, clipped) = (accepted + s.Accepted, weight + s.TotalWeight, clipped + s.Clipped);
            contributors.AddRange(s.Contributors);
            rejected.AddRange(s.Rejected);
            failures.AddRange(s.Failures);
            metrics.Add(s.Metrics, s.TotalWeight);
            if (!result.HasUpdates) continue;
            ShardSlot before = slots[shard];
            var commit = new ShardCommit(shard, before.Step + 1, s.TotalWeight, result.Parameters);
            commits.Add(commit);
            slots[shard] = before with { Step = commit.Step, Samples = commit.Samples, Adapter = commit.Adapter };
        }

        lock (_gate)
        {
            rejected.AddRange(_unrouted);
            failures.AddRange(_unroutedFailures);
        }

        _commits = commits;
        var summary = new AggregationSummary(accepted, weight, contributors, rejected, failures, metrics.Means()) { Clipped = clipped };
        return new AggregationResult(ShardCombiner.Combine(slots, _initial), summary);
    }
}
