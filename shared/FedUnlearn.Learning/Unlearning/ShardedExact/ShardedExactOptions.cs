namespace FedUnlearn.Learning.Unlearning.ShardedExact;

/// <summary>Options of <see cref="ShardedExactMethod"/>: which shard this task retrains, and how shards are defined.</summary>
public sealed record ShardedExactOptions
{
    /// <summary><c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.</summary>
    public OptimizationOverrides Optimization { get; init; } = new();

    /// <summary><c>shards</c>: number of shards K (default 4).</summary>
    public int Shards { get; init; } = 4;

    /// <summary><c>shard</c>: the shard k this task retrains (default 0).</summary>
    public int Shard { get; init; }

    /// <summary><c>init-seed</c>: base seed of the shards' initial adapters (default 0), the same on every client.</summary>
    public long InitSeed { get; init; }

    /// <summary><c>assign-seed</c>: seed of the id → shard hash (default 0).</summary>
    public long AssignSeed { get; init; }

    /// <summary>
    /// <c>client-key</c>: assign this node's whole data by this key instead of per sample id (client-level
    /// shards: a leaving client affects one shard only). Null (default): per sample.
    /// </summary>
    public long? ClientKey { get; init; }

    /// <summary><c>reset</c>: start from the shard's seeded initial adapter (default true; a multi-round campaign passes false after its first round).</summary>
    public bool Reset { get; init; } = true;

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public static ShardedExactOptions Read(MethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ShardedExactOptions
        {
            Optimization = OptimizationOverrides.Read(options),
            Shards = options.Int32("shards") ?? 4,
            Shard = options.Int32("shard") ?? 0,
            InitSeed = options.Int64("init-seed") ?? 0,
            AssignSeed = options.Int64("assign-seed") ?? 0,
            ClientKey = options.Int64("client-key"),
            Reset = options.Boolean("reset") ?? true,
        };
        if (result.Shards < 1) throw options.Invalid("shards", result.Shards, "must be at least 1");
        if (result.Shard < 0 || result.Shard >= result.Shards) throw options.Invalid("shard", result.Shard, $"must be in [0, {result.Shards})");
        return result;
    }
}
