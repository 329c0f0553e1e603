namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>One task of the active round and its outcome (guarded by the round's lock).</summary>
internal sealed class RoundTask(string taskId, string clientId)
{
    public string TaskId { get; } = taskId;

    public string ClientId { get; } = clientId;

    /// <summary>In a sharded round, the client's shard adapter the task starts from; null: the round's global version.</summary>
    public ShardStart? Shard { get; init; }

    public TaskOutcome Outcome { get; set; }

    public string? Reason { get; set; }

    /// <summary>An upload of this task is being validated and folded right now.</summary>
    public bool Claimed { get; set; }
}
