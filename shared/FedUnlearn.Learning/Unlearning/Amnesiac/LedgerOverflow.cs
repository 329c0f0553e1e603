namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>What an <see cref="AmnesiacLedger"/> does when a new batch update would exceed its byte bound.</summary>
public enum LedgerOverflow
{
    /// <summary>Drop the oldest stored batches until the new one fits (the ledger covers the most recent training).</summary>
    EvictOldest,

    /// <summary>Store nothing more once full (the ledger covers the earliest training).</summary>
    StopRecording,
}
