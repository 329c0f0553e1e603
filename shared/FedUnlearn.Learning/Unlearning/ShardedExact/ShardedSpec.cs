using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Unlearning.ShardedExact;

/// <summary>How a <see cref="ShardedAdapterSet"/> splits and trains: everything that must stay fixed for retraining to be bit-identical.</summary>
public sealed record ShardedSpec
{
    /// <summary>Number of adapters K (default 4).</summary>
    public int Shards { get; init; } = 4;

    /// <summary>Base seed of the shards' initial adapters (shard k uses <see cref="ShardAssignment.ShardSeed"/>).</summary>
    public long InitSeed { get; init; }

    /// <summary>Seed of the id → shard hash.</summary>
    public long AssignSeed { get; init; }

    /// <summary>Training of each shard (its seed is derived per shard).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Shards, 1, nameof(Shards));
        ArgumentNullException.ThrowIfNull(Training, nameof(Training));
        Training.Validate();
    }

    /// <summary>The training options of shard <paramref name="shard"/>.</summary>
    public TrainingOptions TrainingFor(int shard) => Training with { Seed = ShardAssignment.ShardSeed(Training.Seed, shard) };
}
