using System.Globalization;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    private const string RetrainedShardsField = "shards_retrained";

    /// <summary>
    /// <c>sharded-exact</c> in a sharded federation: the shard of the leaving or requesting client is reset
    /// to the common initial adapter (one server-side commit, the served global recombined), then retrained
    /// for as many rounds as it had trained, by its remaining clients only (tombstones applied on the
    /// clients; a leaving client is already removed, online or not). Its tasks use the shard's step seeds,
    /// so the shard ends as if the forgotten data had never been there; the other shards are untouched.
    /// </summary>
    private async Task<ForgetRequestRecord> RetrainShardAsync(ForgetRequestRecord r, CancellationToken cancellationToken)
    {
        ShardedRounds sharding = context.Runner.Sharding!;
        if (r.StepVersion is null)
        {
            int affected = sharding.ShardOf(r.TargetClient ?? r.RequestedBy!);
            IReadOnlyList<ShardVersionRecord> latest = await context.Store.LatestShardVersionsAsync(cancellationToken).ConfigureAwait(false);
            int trained = latest[affected].Step;
            // A shard left without clients stays at its initial adapter: empty, it drops out of the served combination.
            bool remaining = (await context.Store.ListClientsAsync(cancellationToken).ConfigureAwait(false))
                .Any(c => c.RemovedAt is null && sharding.ShardOf(c.Name) == affected);
            int rounds = remaining ? trained : 0;
            GlobalVersionRecord reset = await context.Runner.ResetShardsAsync(TaskKind.Unlearn, r.TicketId, [affected],
                $"shard {affected} reset to its initial adapter for retraining ({rounds} round(s))", cancellationToken).ConfigureAwait(false);
            var fields = new Dictionary<string, string>(r.Fields)
            {
                [RetrainedShardsField] = affected.ToString(CultureInfo.InvariantCulture),
                ["shard_count"] = sharding.Count.ToString(CultureInfo.InvariantCulture),
                ["shard_rounds"] = trained.ToString(CultureInfo.InvariantCulture),
                ["shard_emptied"] = remaining ? "false" : "true",
                ["shard_version_before"] = latest[affected].Version.Version.ToString(CultureInfo.InvariantCulture),
                ["shard_hash_before"] = latest[affected].Version.ContentHash,
            };
            r = await SaveAsync(r with { StepVersion = reset.Version, RoundsPlanned = rounds, Fields = fields }, cancellationToken).ConfigureAwait(false);
        }

        int shard = int.Parse(r.Fields[RetrainedShardsField], CultureInfo.InvariantCulture);
        r = await RunRoundsAsync(r, x => new RoundPlan
        {
            RoundKind = TaskKind.Unlearn,
            TaskKind = TaskKind.Train,
            TicketId = x.TicketId,
            // Only the shard's own clients: the others' shards must not move. A removed client is offline for good.
            Select = (_, online) => [.. online.Where(c => sharding.ShardOf(c.ClientId) == shard).Select(c => c.ClientId)],
            MinUpdates = 1,
            Describe = static (task, _) => task.Train = new TrainTask(),
        }, cancellationToken).ConfigureAwait(false);
        if (r.Outcome is not null) return r;

        ShardVersionRecord after = (await context.Store.LatestShardVersionsAsync(cancellationToken).ConfigureAwait(false))[shard];
        var done = new Dictionary<string, string>(r.Fields)
        {
            ["shard_version_after"] = after.Version.Version.ToString(CultureInfo.InvariantCulture),
            ["shard_hash_after"] = after.Version.ContentHash,
        };
        return await SaveAsync(r with { Fields = done }, cancellationToken).ConfigureAwait(false);
    }
}
