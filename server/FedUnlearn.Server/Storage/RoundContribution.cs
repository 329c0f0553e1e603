namespace FedUnlearn.Server.Storage;

/// <summary>One accepted update of a committed round, as needed to replay its aggregation.</summary>
/// <param name="TaskId">The task it answered.</param>
/// <param name="ClientId">The client's store id.</param>
/// <param name="SampleCount">Its aggregation weight.</param>
/// <param name="BlobHash">Its stored delta; null once retention pruned it.</param>
public sealed record RoundContribution(string TaskId, string ClientId, long SampleCount, string? BlobHash);
