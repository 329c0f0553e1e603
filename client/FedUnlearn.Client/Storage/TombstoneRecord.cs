namespace FedUnlearn.Client.Storage;

/// <summary>One durable tombstone: which sample, which forget request put it there, and when.</summary>
/// <param name="SampleId">The forgotten sample's id.</param>
/// <param name="RequestId">The local forget request that tombstoned it; null when added directly through <see cref="SqliteTombstoneStore.AddAsync"/>.</param>
/// <param name="CreatedAt">When the tombstone was committed.</param>
public sealed record TombstoneRecord(long SampleId, string? RequestId, DateTimeOffset CreatedAt);
