using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Unlearning.ShardedExact.Internal;

namespace FedUnlearn.Learning.Unlearning.ShardedExact;

/// <summary>
/// <c>sharded-exact</c> — the federated form of sharded exact unlearning (LegoNet, arXiv 2210.16023):
/// the federation keeps K adapters, one per shard; a forget campaign retrains only the shards that
/// held forgotten samples (<see cref="ShardAssignment.ShardsOf"/>), one task per shard. On a node, this
/// method retrains shard <see cref="ShardedExactOptions.Shard"/>: the adapter restarts from the shard's
/// seeded initial values and trains with cross-entropy on the node's retained samples assigned to that
/// shard (by sample id, or all of them when the node's <c>client-key</c> hashes to it), with the
/// shard's seeded options, exactly as <see cref="ShardedAdapterSet"/> trains a shard, so the result is
/// bit-identical to training that shard without the forgotten data. A node with no sample in the shard
/// returns the initial adapter with weight 0.
/// </summary>
public sealed class ShardedExactMethod(ShardedExactOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "sharded-exact";

    /// <summary>The method's options.</summary>
    public ShardedExactOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.None;

    /// <summary>The shard spec this method's options describe, with <paramref name="context"/>'s training settings.</summary>
    public ShardedSpec Spec(UnlearningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ShardedSpec
        {
            Shards = Options.Shards,
            InitSeed = Options.InitSeed,
            AssignSeed = Options.AssignSeed,
            Training = Options.Optimization.ApplyTo(context.Training),
        };
    }

    /// <inheritdoc />
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spec = Spec(context);
        var (shard, shards) = (Options.Shard, Options.Shards);
        var tombstones = context.Tombstones;
        Func<long, bool> excluded = id => tombstones?.Contains(id) == true;
        var samples = Options.ClientKey is not { } key
            ? ShardTrainer.Samples(context.Retain, shard, shards, spec.AssignSeed, excluded)
            : ShardAssignment.ShardOf(key, shards, spec.AssignSeed) == shard
                ? ShardTrainer.Samples(context.Retain, 0, 1, spec.AssignSeed, excluded)
                : context.Retain.Subset([]);
        var (_, count, result) = ShardTrainer.Train(context.Model, samples, shard, spec, Options.Reset, context.Progress, context.Hooks, cancellationToken);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["shard"] = shard,
            ["shard_samples"] = count,
            ["steps"] = result?.Steps ?? 0,
        };
        if (result?.Loss is { } loss) metrics["shard_loss"] = loss;
        return new UnlearningReport(count, result?.Steps ?? 0, metrics);
    }
}
