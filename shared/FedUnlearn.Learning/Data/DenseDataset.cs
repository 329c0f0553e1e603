using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data;

/// <summary>
/// A dataset stored in memory as one contiguous row-major float32 array (sample after sample), with
/// an int64 label and id per sample. Every loader and generator returns one; views wrap it.
/// </summary>
public sealed class DenseDataset : IDataset
{
    private readonly float[] _features;
    private readonly long[] _labels;
    private readonly long[] _ids;

    /// <summary>
    /// Creates a dataset over the given arrays, which are taken, not copied. Validates that the
    /// sizes agree, every label lies in <c>[0, classCount)</c> and every id is unique.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree, a label is out of range or an id repeats;
    /// the message names the first offending sample.</exception>
    public DenseDataset(
        string name, float[] features, long[] labels, long[] ids,
        IReadOnlyList<int> featureShape, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        FeatureLength = DatasetChecks.FeatureLength(featureShape, nameof(featureShape));
        DatasetChecks.ClassNames(classNames, classCount);
        if (labels.Length != ids.Length)
            throw new ArgumentException($"Dataset '{name}': {labels.Length} labels but {ids.Length} ids.", nameof(ids));
        if (features.Length != (long)labels.Length * FeatureLength)
            throw new ArgumentException(
                $"Dataset '{name}': {labels.Length} samples of shape [{string.Join(", ", featureShape)}] need {(long)labels.Length * FeatureLength} floats, got {features.Length}.",
                nameof(features));
        for (var i = 0; i < labels.Length; i++)
        {
            if ((ulong)labels[i] >= (ulong)classCount)
                throw new ArgumentException($"Dataset '{name}': sample {i} (id {ids[i]}) has label {labels[i]}, outside [0, {classCount}).", nameof(labels));
        }
        var seen = new HashSet<long>(ids.Length);
        foreach (var id in ids)
        {
            if (!seen.Add(id)) throw new ArgumentException($"Dataset '{name}': sample id {id} appears more than once; ids must be unique.", nameof(ids));
        }

        Name = name;
        _features = features;
        _labels = labels;
        _ids = ids;
        FeatureShape = Array.AsReadOnly(featureShape.ToArray());
        ClassCount = classCount;
        ClassNames = classNames is null ? null : Array.AsReadOnly(classNames.ToArray());
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _labels.Length;

    /// <inheritdoc />
    public IReadOnlyList<int> FeatureShape { get; }

    /// <inheritdoc />
    public int FeatureLength { get; }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <inheritdoc />
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>All features, sample after sample (read-only; shared with views).</summary>
    public ReadOnlySpan<float> AllFeatures => _features;

    /// <summary>All labels in index order.</summary>
    public ReadOnlySpan<long> Labels => _labels;

    /// <summary>All ids in index order.</summary>
    public ReadOnlySpan<long> Ids => _ids;

    /// <inheritdoc />
    public long GetId(int index) => _ids[index];

    /// <inheritdoc />
    public long GetLabel(int index) => _labels[index];

    /// <inheritdoc />
    public ReadOnlySpan<float> Features(int index)
    {
        DatasetChecks.Index(this, index);
        return _features.AsSpan(index * FeatureLength, FeatureLength);
    }

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        DatasetChecks.GatherBuffers(this, indices.Length, features, labels);
        var length = FeatureLength;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            DatasetChecks.Index(this, index);
            _features.AsSpan(index * length, length).CopyTo(features.Slice(i * length, length));
            labels[i] = _labels[index];
        }
    }
}
