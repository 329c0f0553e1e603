namespace FedUnlearn.Server.Storage;

/// <summary>What a retention pass removed.</summary>
/// <param name="DeltasRemoved">Client delta rows of rounds older than the retention window.</param>
/// <param name="BlobsDeleted">Blob files no longer referenced (including orphans of interrupted writes).</param>
/// <param name="BytesFreed">Their total size.</param>
public sealed record PruneReport(int DeltasRemoved, int BlobsDeleted, long BytesFreed);
