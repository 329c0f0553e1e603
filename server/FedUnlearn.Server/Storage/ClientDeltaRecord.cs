namespace FedUnlearn.Server.Storage;

/// <summary>A client's stored update for one round (kept for the last N rounds).</summary>
/// <param name="Round">The round.</param>
/// <param name="ClientId">The client.</param>
/// <param name="TaskId">The task it answered.</param>
/// <param name="BlobHash">The update's blob.</param>
public sealed record ClientDeltaRecord(long Round, string ClientId, string TaskId, string BlobHash);
