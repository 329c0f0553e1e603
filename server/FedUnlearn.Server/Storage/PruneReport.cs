namespace FedUnlearn.Server.Storage;

/// <summary>What a retention pass removed.</summary>
/// <param name="DeltasRemoved">Client delta rows of rounds older than the retention window.</param>
/// <param name="BlobsDeleted">Blob files no longer referenced (including orphans of interrupted writes).</param>
/// <param name="BytesFreed">Their total size, with the deleted packs'.</param>
public sealed record PruneReport(int DeltasRemoved, int BlobsDeleted, long BytesFreed)
{
    /// <summary>Delta pack files deleted: those of rounds older than the retention window, and sealed packs no round recorded.</summary>
    public int PacksDeleted { get; init; }
}
