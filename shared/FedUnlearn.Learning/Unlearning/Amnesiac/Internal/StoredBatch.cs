namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>One optimisation step's stored update: its sequence number in the ledger, the ids of its samples, one update per adapter tensor.</summary>
internal sealed record StoredBatch(long Sequence, long[] Ids, SparseUpdate[] Updates)
{
    /// <summary>Fixed cost per batch in the byte count (sequence number, counts), so empty updates are not free.</summary>
    public const long Overhead = 16;

    public long Bytes { get; } = Overhead + 8L * Ids.Length + Updates.Sum(u => u.Bytes);
}
