using FedUnlearn.Learning.Models;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// A federated client's durable amnesiac record: one <see cref="AmnesiacLedger"/> per training round it
/// ran (every batch's adapter update with the ids of its samples), kept as one file per round in a
/// directory of the client's data directory, so sample ids never leave the node. Retention is bounded
/// by rounds and bytes (<see cref="AmnesiacJournalOptions"/>): the oldest rounds are evicted, and the ids
/// they held are remembered, so forgetting one of them fails clearly instead of subtracting too little.
/// Forgetting (<see cref="FederatedAmnesiacMethod"/>) subtracts, for every round the server says this
/// client's update was aggregated in, that round's FedAvg weight times the stored updates of the batches
/// that held a forget sample. Call <see cref="OpenAsync"/> before use; thread-safe.
/// </summary>
public sealed partial class AmnesiacJournal
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _io = new(1, 1);
    private readonly SortedDictionary<long, AmnesiacLedger> _rounds = [];
    private readonly SortedSet<long> _evicted = [];
    private readonly HashSet<long> _lost = [];
    private readonly Dictionary<string, HashSet<(long Round, long Sequence)>> _claims = new(StringComparer.Ordinal);
    private bool _opened;

    /// <summary>A journal over <paramref name="directory"/> (created when missing, read by <see cref="OpenAsync"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AmnesiacJournal(string directory, AmnesiacJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Options = options ?? new();
        Options.Validate();
        DirectoryPath = Path.GetFullPath(directory);
    }

    /// <summary>Where the round files and the index live.</summary>
    public string DirectoryPath { get; }

    /// <summary>What is recorded and kept.</summary>
    public AmnesiacJournalOptions Options { get; }

    /// <summary>The rounds kept, ascending.</summary>
    public IReadOnlyList<long> Rounds { get { lock (_gate) return [.. _rounds.Keys]; } }

    /// <summary>Bytes held by the kept rounds (at most <see cref="AmnesiacJournalOptions.MaxBytes"/>).</summary>
    public long StoredBytes { get { lock (_gate) return _rounds.Values.Sum(l => l.StoredBytes); } }

    /// <summary>Rounds evicted to respect the retention bound.</summary>
    public int EvictedRoundCount { get { lock (_gate) return _evicted.Count; } }

    /// <summary>Sample ids whose updates were evicted: forgetting them fails (unless <c>allow-lost</c>).</summary>
    public int LostIdCount { get { lock (_gate) return _lost.Count + _rounds.Values.Sum(l => l.LostIdCount); } }

    /// <summary>The ledger of <paramref name="round"/>, or null when it is not kept.</summary>
    public AmnesiacLedger? Round(long round)
    {
        lock (_gate) return _rounds.GetValueOrDefault(round);
    }

    /// <summary>
    /// Starts recording one training task over <paramref name="model"/>'s adapter into a fresh round
    /// ledger: give <see cref="AmnesiacRecording.Hooks"/> to the trainer, then
    /// <see cref="CommitRoundAsync"/> once the task succeeded. A recording never committed changes nothing.
    /// </summary>
    public AmnesiacRecording BeginRound(ClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        EnsureOpened();
        return new AmnesiacLedger(Options.RoundLedger).BeginRecording(model);
    }

    /// <summary>
    /// Commits <paramref name="recording"/> as the record of training round <paramref name="round"/> (replacing an
    /// earlier record of the same round: a task run again is the one that was sent), writes it durably, then
    /// evicts the oldest rounds beyond the retention bound.
    /// </summary>
    public async Task CommitRoundAsync(long round, AmnesiacRecording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        EnsureOpened();
        recording.Commit();
        var ledger = recording.Ledger;
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(DirectoryPath);
            await ledger.SaveAsync(RoundPath(round), cancellationToken).ConfigureAwait(false);
            List<long> evicted;
            lock (_gate)
            {
                _rounds[round] = ledger;
                _evicted.Remove(round);
                foreach (var claim in _claims.Values) claim.RemoveWhere(c => c.Round == round);
                evicted = EvictBeyondRetention();
            }

            // The index names the evicted rounds before their files go, so a crash in between only leaves files to ignore.
            await WriteIndexAsync(cancellationToken).ConfigureAwait(false);
            foreach (var old in evicted) File.Delete(RoundPath(old));
        }
        finally
        {
            _io.Release();
        }
    }

    private List<long> EvictBeyondRetention()
    {
        var evicted = new List<long>();
        var bytes = _rounds.Values.Sum(l => l.StoredBytes);
        while (_rounds.Count > 1 && (_rounds.Count > Options.MaxRounds || bytes > Options.MaxBytes))
        {
            var (oldest, ledger) = _rounds.First();
            _rounds.Remove(oldest);
            bytes -= ledger.StoredBytes;
            _lost.UnionWith(ledger.AllIds());
            _evicted.Add(oldest);
            foreach (var claim in _claims.Values) claim.RemoveWhere(c => c.Round == oldest);
            evicted.Add(oldest);
        }

        return evicted;
    }

    private void EnsureOpened()
    {
        lock (_gate)
        {
            if (!_opened) throw new InvalidOperationException($"The amnesiac journal in '{DirectoryPath}' is not open: call OpenAsync first.");
        }
    }
}
