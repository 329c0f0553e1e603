using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class RoundRunner
{
    /// <summary>
    /// The round's tasks and aggregator. A training round of a sharded federation sends each client its
    /// own shard's adapter and folds its update into that shard only; any other round works on the
    /// served global adapter.
    /// </summary>
    private async Task<(List<RoundTask> Tasks, IUpdateAggregator Aggregator)> PrepareTasksAsync(RoundPlan plan, RoundContext context,
        List<string> chosen, CancellationToken cancellationToken)
    {
        if (Sharding is not { } sharding || plan.TaskKind != TaskKind.Train)
            return ([.. chosen.Select(c => new RoundTask($"r{context.Round}-{c}", c))], _strategy.CreateAggregator(context));

        IReadOnlyDictionary<string, int> shardOf = await sharding.AssignAsync(chosen.Select(c => (_sessions.Find(c)!.Record.Id, c)), cancellationToken)
            .ConfigureAwait(false);
        IReadOnlyList<ShardSlot> slots = await sharding.SlotsAsync(cancellationToken).ConfigureAwait(false);
        List<RoundTask> tasks = [.. chosen.Select(c =>
        {
            ShardSlot slot = slots[shardOf[c]];
            return new RoundTask($"r{context.Round}-{c}", c) { Shard = new ShardStart(slot.Shard, slot.Version, slot.Step + 1) };
        })];
        return (tasks, new ShardedAggregator(context, slots, shardOf, sharding.Initial, _strategy.CreateAggregator));
    }

    /// <summary>
    /// Resets <paramref name="shards"/> to the common initial adapter (step 0, no samples) and commits the
    /// recombined global, without clients: the start of a sharded-exact retraining. Only call between rounds.
    /// </summary>
    public async Task<GlobalVersionRecord> ResetShardsAsync(TaskKind kind, string ticketId, IReadOnlyList<int> shards, string what,
        CancellationToken cancellationToken)
    {
        ShardedRounds sharding = Sharding ?? throw new InvalidOperationException("The federation is not sharded.");
        ShardSlot[] slots = [.. await sharding.SlotsAsync(cancellationToken).ConfigureAwait(false)];
        List<ShardCommit> commits = [.. shards.Distinct().Order().Select(k => new ShardCommit(k, 0, 0, sharding.Initial))];
        foreach (ShardCommit reset in commits) slots[reset.Shard] = slots[reset.Shard] with { Step = 0, Samples = 0, Adapter = reset.Adapter };
        ParameterSet combined = ShardCombiner.Combine(slots, sharding.Initial);
        return await CommitServerSideAsync(kind, ticketId, combined, what,
            (round, ct) => _store.CommitShardedRoundAsync(round, commits, combined, 0, ct), cancellationToken).ConfigureAwait(false);
    }
}
