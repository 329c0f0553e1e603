namespace FedUnlearn.Server.Storage;

/// <summary>A committed global adapter version.</summary>
/// <param name="Version">0 for the initial adapter, then increasing with every committed round (by more than 1 in a sharded federation, whose shard adapters take numbers too).</param>
/// <param name="BlobHash">SHA-256 of the stored blob's bytes (its name in the blob directory).</param>
/// <param name="ContentHash"><c>ParameterSet.ContentHash()</c>: codec-independent, for the audit log.</param>
/// <param name="CreatedAt">When it was committed.</param>
/// <param name="ParentVersion">The version it was aggregated from; null for the initial one.</param>
/// <param name="Round">The round that committed it; null for the initial one.</param>
public sealed record GlobalVersionRecord(
    long Version, string BlobHash, string ContentHash, DateTimeOffset CreatedAt, long? ParentVersion, long? Round);
