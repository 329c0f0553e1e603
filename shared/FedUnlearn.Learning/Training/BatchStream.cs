using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// Turns a dataset into batches of tensors: a <see cref="BatchSampler"/> (shuffled per epoch from the
/// seed, tombstones respected) picks the indices, one reusable <see cref="BatchBuffer"/> gathers them,
/// and each batch becomes one features tensor and one labels tensor, each created by a single bulk
/// copy. <see cref="Next"/> cycles through epochs endlessly, for a second data stream drawn alongside
/// a training loop's own (the forget batches of an unlearning objective).
/// </summary>
public sealed class BatchStream
{
    private readonly BatchSampler _sampler;
    private readonly BatchBuffer _buffer;
    private readonly long[] _shape;
    private readonly long[] _ids;
    private readonly long[] _labels;
    private IEnumerator<int[]>? _cycle;
    private int _cycleEpoch;

    /// <summary>Creates a stream over <paramref name="dataset"/>; batches are created on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
    public BatchStream(IDataset dataset, BatchSamplerOptions options, ITombstoneStore? tombstones, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _sampler = new BatchSampler(dataset, options, tombstones);
        _buffer = new BatchBuffer(options.BatchSize, dataset.FeatureLength);
        _shape = [0, .. dataset.FeatureShape.Select(d => (long)d)];
        _ids = new long[options.BatchSize];
        _labels = new long[options.BatchSize];
        Device = device;
    }

    /// <summary>The dataset the batches come from.</summary>
    public IDataset Dataset => _sampler.Dataset;

    /// <summary>Where batch tensors are created.</summary>
    public Device Device { get; }

    /// <summary>Fixes the batches of <paramref name="epoch"/> against the tombstones as they are now.</summary>
    public EpochPlan PlanEpoch(int epoch) => _sampler.PlanEpoch(epoch);

    /// <summary>Gathers the samples at <paramref name="indices"/> into tensors owned by the current dispose scope.</summary>
    public Batch Load(ReadOnlySpan<int> indices)
    {
        _buffer.Fill(Dataset, indices);
        var n = _buffer.Count;
        _shape[0] = n;
        var features = torch.tensor(_buffer.Features, _shape, Device);
        var labels = torch.tensor(_buffer.Labels, [n], Device);
        _buffer.Ids.CopyTo(_ids);
        _buffer.Labels.CopyTo(_labels);
        return new Batch(features, labels, _labels.AsMemory(0, n), _ids.AsMemory(0, n));
    }

    /// <summary>The next batch of an endless walk through epochs 0, 1, 2, … of this stream.</summary>
    /// <exception cref="InvalidOperationException">Every sample is tombstoned: there is no batch to give.</exception>
    public Batch Next()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            _cycle ??= PlanEpoch(_cycleEpoch++).Batches().GetEnumerator();
            if (_cycle.MoveNext()) return Load(_cycle.Current);
            _cycle.Dispose();
            _cycle = null;
        }

        throw new InvalidOperationException($"Every sample of '{Dataset.Name}' is tombstoned: there is no batch to draw.");
    }
}
