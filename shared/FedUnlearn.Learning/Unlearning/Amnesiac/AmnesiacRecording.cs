using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Amnesiac.Internal;
using FedUnlearn.Learning.Unlearning.LayerWise.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// One training run being recorded into an <see cref="AmnesiacLedger"/>. Give <see cref="Hooks"/> to
/// the trainer (e.g. <c>new LocalTrainer(options, recording.Hooks)</c>); after each optimizer step the
/// adapter update of that batch is staged here. <see cref="Commit"/> appends the staged batches to the
/// ledger; disposing without committing (the run failed or was cancelled, and the adapter was restored)
/// discards them. Staged updates are bounded like the ledger itself.
/// </summary>
public sealed class AmnesiacRecording : IDisposable
{
    private readonly AmnesiacLedger _ledger;
    private readonly LedgerLayout _layout;
    private readonly Dictionary<string, int> _index;
    private readonly Tensor?[] _before;
    private readonly List<(long[] Ids, SparseUpdate[]? Updates)> _staged = [];
    private readonly long _budget;
    private long _stagedBytes;
    private int _oldestKept;
    private bool _done;

    internal AmnesiacRecording(AmnesiacLedger ledger, LedgerLayout layout)
    {
        (_ledger, _layout) = (ledger, layout);
        _index = layout.Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        _before = new Tensor?[layout.Names.Length];
        _budget = ledger.Options.Overflow == LedgerOverflow.StopRecording ? ledger.FreeBytes : ledger.Options.MaxBytes;
        Hooks = new TrainingHooks { AfterBackward = CaptureBefore, AfterStep = StageUpdate };
    }

    /// <summary>The hooks that record every step; combine with others through <see cref="TrainingHooks.Combine"/>.</summary>
    public TrainingHooks Hooks { get; }

    /// <summary>The ledger this recording commits to.</summary>
    internal AmnesiacLedger Ledger => _ledger;

    /// <summary>Steps staged so far.</summary>
    public int StagedBatches => _staged.Count;

    /// <summary>Bytes of the staged updates still held.</summary>
    public long StagedBytes => _stagedBytes;

    /// <summary>Appends the staged batches to the ledger (the byte bound applied there); call once, after the run succeeded.</summary>
    /// <exception cref="InvalidOperationException">Already committed or disposed.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        _ledger.Append(_staged, _layout);
        _staged.Clear();
    }

    /// <summary>Discards whatever was not committed.</summary>
    public void Dispose()
    {
        _done = true;
        _staged.Clear();
    }

    private void CaptureBefore(StepContext step)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Array.Clear(_before);
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in step.Parameters)
        {
            // The copies live in the step's dispose scope, which ends after AfterStep.
            if (_index.TryGetValue(name, out var t)) _before[t] = parameter.detach().clone();
        }
    }

    private void StageUpdate(StepContext step)
    {
        var updates = new SparseUpdate[_before.Length];
        var live = step.Parameters.ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        using var noGrad = torch.no_grad();
        for (var t = 0; t < updates.Length; t++)
        {
            if (_before[t] is not { } before)
            {
                updates[t] = new SparseUpdate([], []);
                continue;
            }

            var delta = new float[_layout.Length(t)];
            using (var difference = live[_layout.Names[t]].detach().sub(before)) difference.CopyTo<float>(delta);
            if (!Array.TrueForAll(delta, float.IsFinite))
                throw new TrainingDivergedException($"update of '{_layout.Names[t]}'", double.NaN, step.Epoch, step.Step, step.LearningRate);
            updates[t] = Prune(delta);
        }

        Stage(step.Batch.Ids.ToArray(), updates);
    }

    private SparseUpdate Prune(float[] delta)
    {
        var k = TopMagnitude.Kept(delta.Length, _ledger.Options.TopFraction);
        if (k == delta.Length) return new SparseUpdate(null, delta);
        var indices = TopMagnitude.Select(delta, k);
        return new SparseUpdate(indices, Array.ConvertAll(indices, i => delta[i]));
    }

    private void Stage(long[] ids, SparseUpdate[] updates)
    {
        var bytes = StoredBatch.Overhead + 8L * ids.Length + updates.Sum(u => u.Bytes);
        if (_ledger.Options.Overflow == LedgerOverflow.StopRecording && _stagedBytes + bytes > _budget)
        {
            _staged.Add((ids, null));
            return;
        }

        _staged.Add((ids, updates));
        _stagedBytes += bytes;
        // Evict-oldest: staged updates older than what the bound can hold would be evicted at commit anyway.
        while (_stagedBytes > _budget && _oldestKept < _staged.Count)
        {
            var (oldIds, oldUpdates) = _staged[_oldestKept];
            if (oldUpdates is not null)
            {
                _stagedBytes -= StoredBatch.Overhead + 8L * oldIds.Length + oldUpdates.Sum(u => u.Bytes);
                _staged[_oldestKept] = (oldIds, null);
            }

            _oldestKept++;
        }
    }
}
