using System.Buffers;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data;

/// <summary>
/// A view of some samples of another dataset, by index, without copying features. Ids, labels and
/// features are the source's, so a client's partition still names samples by their original ids.
/// A subset of a subset points straight at the innermost source.
/// </summary>
public sealed class DatasetSubset : IDataset
{
    private readonly int[] _indices;

    /// <summary>Creates a view of <paramref name="source"/> holding the samples at <paramref name="indices"/>, in that order.</summary>
    /// <exception cref="ArgumentException">An index is out of range or repeats (a dataset's ids are unique).</exception>
    public DatasetSubset(IDataset source, IEnumerable<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indices);
        var local = indices.ToArray();
        var seen = new bool[source.Count];
        foreach (var index in local)
        {
            if ((uint)index >= (uint)source.Count)
                throw new ArgumentException($"Index {index} is outside dataset '{source.Name}' ({source.Count} samples).", nameof(indices));
            if (seen[index])
                throw new ArgumentException($"Index {index} (id {source.GetId(index)}) appears more than once in a subset of '{source.Name}'.", nameof(indices));
            seen[index] = true;
        }

        if (source is DatasetSubset inner)
        {
            for (var i = 0; i < local.Length; i++) local[i] = inner._indices[local[i]];
            source = inner.Source;
        }
        Source = source;
        _indices = local;
        Name = name ?? $"{source.Name}[{local.Length}]";
    }

    /// <summary>The dataset that stores the samples (never itself a subset).</summary>
    public IDataset Source { get; }

    /// <summary>For each sample of this view, its index in <see cref="Source"/>.</summary>
    public ReadOnlySpan<int> SourceIndices => _indices;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _indices.Length;

    /// <inheritdoc />
    public IReadOnlyList<int> FeatureShape => Source.FeatureShape;

    /// <inheritdoc />
    public int FeatureLength => Source.FeatureLength;

    /// <inheritdoc />
    public int ClassCount => Source.ClassCount;

    /// <inheritdoc />
    public IReadOnlyList<string>? ClassNames => Source.ClassNames;

    /// <inheritdoc />
    public long GetId(int index) => Source.GetId(_indices[index]);

    /// <inheritdoc />
    public long GetLabel(int index) => Source.GetLabel(_indices[index]);

    /// <inheritdoc />
    public ReadOnlySpan<float> Features(int index) => Source.Features(_indices[index]);

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        DatasetChecks.GatherBuffers(this, indices.Length, features, labels);
        var mapped = ArrayPool<int>.Shared.Rent(indices.Length);
        try
        {
            for (var i = 0; i < indices.Length; i++)
            {
                DatasetChecks.Index(this, indices[i]);
                mapped[i] = _indices[indices[i]];
            }
            Source.Gather(mapped.AsSpan(0, indices.Length), features, labels);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(mapped);
        }
    }
}
