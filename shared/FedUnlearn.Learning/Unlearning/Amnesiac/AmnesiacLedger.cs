using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning.Amnesiac.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// A client's record of its local training for amnesiac unlearning: for every optimisation step, the
/// adapter update (new − old, pruned to the top-p coordinates per tensor when
/// <see cref="AmnesiacLedgerOptions.TopFraction"/> &lt; 1) with the ids of the samples in that batch.
/// Forgetting subtracts the stored updates of the batches that held a forget sample
/// (<see cref="AmnesiacMethod"/>). Storage is bounded by <see cref="AmnesiacLedgerOptions.MaxBytes"/>;
/// the ids of batches that were not kept are remembered, so a forget request that needs them fails
/// clearly instead of silently subtracting too little. Record through <see cref="BeginRecording"/>
/// (all or nothing per training run); keep the ledger across rounds and save it with
/// <see cref="SaveAsync"/>. Thread-safe.
/// </summary>
public sealed partial class AmnesiacLedger
{
    private readonly object _gate = new();
    private readonly LinkedList<StoredBatch> _batches = new();
    private readonly HashSet<long> _lost = [];
    private LedgerLayout? _layout;
    private long _nextSequence;

    /// <summary>An empty ledger.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AmnesiacLedger(AmnesiacLedgerOptions? options = null)
    {
        Options = options ?? new();
        Options.Validate();
    }

    /// <summary>How updates are stored and bounded.</summary>
    public AmnesiacLedgerOptions Options { get; }

    /// <summary>Stored batch updates.</summary>
    public int BatchCount { get { lock (_gate) return _batches.Count; } }

    /// <summary>Bytes held by stored updates and their ids (at most <see cref="AmnesiacLedgerOptions.MaxBytes"/>).</summary>
    public long StoredBytes { get; private set; }

    /// <summary>Batches recorded in total (committed runs), stored or not.</summary>
    public long RecordedBatches { get { lock (_gate) return _nextSequence; } }

    /// <summary>Batches whose update was dropped to respect the bound (evicted, or never stored after the ledger filled).</summary>
    public long DroppedBatches { get; private set; }

    /// <summary>Sample ids that were in a dropped batch: their influence can no longer be subtracted.</summary>
    public int LostIdCount { get { lock (_gate) return _lost.Count; } }

    /// <summary>
    /// Starts recording one training run over <paramref name="model"/>'s adapter: pass
    /// <see cref="AmnesiacRecording.Hooks"/> to the trainer, and <see cref="AmnesiacRecording.Commit"/> after it
    /// succeeded. A run that fails or is never committed leaves the ledger as it was.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model's adapter differs from the one the ledger recorded so far.</exception>
    public AmnesiacRecording BeginRecording(ClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var adapter = model.ToAdapterParameterSet();
        if (adapter.Count == 0) throw new ArgumentException("The model has no LoRA adapter to record.", nameof(model));
        lock (_gate)
        {
            CheckLayout(adapter);
            _layout ??= LedgerLayout.Of(adapter);
            return new AmnesiacRecording(this, _layout);
        }
    }

    /// <summary>The adapter layout the ledger records (null before the first recording).</summary>
    internal LedgerLayout? Layout { get { lock (_gate) return _layout; } }

    /// <summary>The stored batches holding any of <paramref name="ids"/>, and how many of the ids were lost or never seen.</summary>
    internal (List<StoredBatch> Batches, int Lost, int NeverSeen) Select(IReadOnlySet<long> ids)
    {
        lock (_gate)
        {
            var batches = _batches.Where(b => b.Ids.Any(ids.Contains)).ToList();
            var seen = new HashSet<long>(batches.SelectMany(b => b.Ids).Where(ids.Contains));
            // An id in any dropped batch is lost, even when other batches holding it are still stored.
            var lost = ids.Count(_lost.Contains);
            var neverSeen = ids.Count(id => !_lost.Contains(id) && !seen.Contains(id));
            return (batches, lost, neverSeen);
        }
    }

    /// <summary>The sum of <paramref name="batches"/>' updates as a dense set in the ledger's layout, summed in recording order.</summary>
    internal ParameterSet Sum(IEnumerable<StoredBatch> batches)
    {
        var sum = Layout?.ToZeros() ?? new ParameterSet();
        foreach (var batch in batches.OrderBy(b => b.Sequence))
        {
            for (var t = 0; t < batch.Updates.Length; t++) batch.Updates[t].AddTo(sum[t].Data);
        }

        return sum;
    }

    /// <summary>Drops forgotten batches and ids after their updates were subtracted.</summary>
    internal void Remove(IReadOnlyCollection<StoredBatch> batches, IEnumerable<long> forgottenIds)
    {
        lock (_gate)
        {
            var remove = batches.Select(b => b.Sequence).ToHashSet();
            for (var node = _batches.First; node is not null;)
            {
                var next = node.Next;
                if (remove.Contains(node.Value.Sequence))
                {
                    StoredBytes -= node.Value.Bytes;
                    _batches.Remove(node);
                }

                node = next;
            }

            _lost.ExceptWith(forgottenIds);
        }
    }

    /// <summary>Appends a committed run's batches, applying the byte bound.</summary>
    internal void Append(IReadOnlyList<(long[] Ids, SparseUpdate[]? Updates)> staged, LedgerLayout layout)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(layout, _layout)) throw new InvalidOperationException("The recording belongs to another adapter layout.");
            foreach (var (ids, updates) in staged)
            {
                var sequence = _nextSequence++;
                var batch = updates is null ? null : new StoredBatch(sequence, ids, updates);
                if (batch is not null && Options.Overflow == LedgerOverflow.EvictOldest)
                {
                    while (_batches.Count > 0 && StoredBytes + batch.Bytes > Options.MaxBytes) Evict();
                }

                if (batch is null || StoredBytes + batch.Bytes > Options.MaxBytes)
                {
                    DroppedBatches++;
                    _lost.UnionWith(ids);
                    continue;
                }

                _batches.AddLast(batch);
                StoredBytes += batch.Bytes;
            }
        }
    }

    /// <summary>Every sample id the ledger knows of: in stored batches or in dropped ones.</summary>
    internal HashSet<long> AllIds()
    {
        lock (_gate)
        {
            var ids = new HashSet<long>(_lost);
            foreach (var batch in _batches) ids.UnionWith(batch.Ids);
            return ids;
        }
    }

    /// <summary>True when <paramref name="id"/> was in a batch the ledger dropped.</summary>
    internal bool IsLost(long id)
    {
        lock (_gate) return _lost.Contains(id);
    }

    /// <summary>Bytes still free before the bound, for a recording that stops once full.</summary>
    internal long FreeBytes { get { lock (_gate) return Options.MaxBytes - StoredBytes; } }

    private void Evict()
    {
        var batch = _batches.First!.Value;
        _batches.RemoveFirst();
        StoredBytes -= batch.Bytes;
        DroppedBatches++;
        _lost.UnionWith(batch.Ids);
    }

    private void CheckLayout(ParameterSet adapter)
    {
        if (_layout?.Mismatch(adapter) is { } mismatch)
            throw new InvalidOperationException($"The model's adapter does not match the one this amnesiac ledger recorded: {mismatch}.");
    }
}
