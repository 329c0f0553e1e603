namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>What a journal's index file holds: evicted rounds, the ids they held, and the batches each forget set already subtracted.</summary>
internal sealed record JournalIndex(IReadOnlyCollection<long> Evicted, IReadOnlyCollection<long> Lost,
    IReadOnlyDictionary<string, List<(long Round, long Sequence)>> Claims);
