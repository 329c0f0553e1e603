namespace FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

/// <summary>
/// What an amnesiac journal found for a forget set: the weighted sum of the affected batch updates
/// (null when nothing was recorded), the batches used, and what could not be covered.
/// </summary>
internal sealed record JournalCorrection(
    string ClaimKey,
    LedgerLayout? Layout,
    double[][]? Sum,
    IReadOnlyList<(long Round, long Sequence)> Batches,
    int Rounds,
    int Lost,
    int NeverSeen,
    IReadOnlyList<long> UnrecordedRounds);
