using System.Numerics.Tensors;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Transforms;

/// <summary>
/// Standardisation <c>x' = (x − mean) / std</c> with statistics computed on one dataset (normally a
/// client's training data) and applied as a view to any dataset of the same shape. A group whose
/// deviation is below <see cref="MinStdDev"/> (a constant feature, e.g. an always-black border pixel)
/// is only centred, never divided by ~0.
/// </summary>
public sealed class FeatureNormalization
{
    /// <summary>Deviations below this are treated as 1.</summary>
    public const float MinStdDev = 1e-6f;

    private readonly float[] _mean;
    private readonly float[] _inverseStd;

    private FeatureNormalization(IReadOnlyList<int> featureShape, NormalizationMode mode, float[] mean, float[] stdDev)
    {
        FeatureShape = featureShape.ToArray();
        Mode = mode;
        Mean = mean;
        StdDev = stdDev;
        var groups = NormalizationGroups.Of(featureShape, mode);
        _mean = new float[groups.Length];
        _inverseStd = new float[groups.Length];
        for (var f = 0; f < groups.Length; f++)
        {
            _mean[f] = mean[groups[f]];
            _inverseStd[f] = stdDev[groups[f]] < MinStdDev ? 1f : 1f / stdDev[groups[f]];
        }
    }

    /// <summary>How features share statistics.</summary>
    public NormalizationMode Mode { get; }

    /// <summary>The feature shape the statistics belong to.</summary>
    public IReadOnlyList<int> FeatureShape { get; }

    /// <summary>Mean per group (1, C or d values by <see cref="Mode"/>).</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Population standard deviation per group.</summary>
    public IReadOnlyList<float> StdDev { get; }

    /// <summary>Known statistics, e.g. Fashion-MNIST's global 0.2860 / 0.3530, or ones a server shares.</summary>
    public static FeatureNormalization FromStatistics(IReadOnlyList<int> featureShape, NormalizationMode mode, float[] mean, float[] stdDev)
    {
        DatasetChecks.FeatureLength(featureShape, nameof(featureShape));
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(stdDev);
        var groupCount = NormalizationGroups.Count(featureShape, mode);
        if (mean.Length != groupCount || stdDev.Length != groupCount)
            throw new ArgumentException($"{mode} normalisation of shape [{string.Join(", ", featureShape)}] needs {groupCount} means and deviations; got {mean.Length} and {stdDev.Length}.");
        if (mean.Any(m => !float.IsFinite(m)) || stdDev.Any(s => !float.IsFinite(s) || s < 0))
            throw new ArgumentException("Means must be finite and deviations finite and non-negative.");
        return new FeatureNormalization(featureShape, mode, (float[])mean.Clone(), (float[])stdDev.Clone());
    }

    /// <summary>Computes the statistics of <paramref name="dataset"/> (two passes, double accumulators).</summary>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
    public static FeatureNormalization Compute(IDataset dataset, NormalizationMode mode = NormalizationMode.PerChannel)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
            throw new ArgumentException($"Dataset '{dataset.Name}' is empty: there are no statistics to compute.", nameof(dataset));
        var (mean, stdDev) = NormalizationGroups.Statistics(dataset, mode);
        return new FeatureNormalization(dataset.FeatureShape, mode, mean, stdDev);
    }

    /// <summary>A view of <paramref name="dataset"/> with every sample standardised; ids and labels unchanged.</summary>
    public IDataset Apply(IDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!dataset.FeatureShape.SequenceEqual(FeatureShape))
            throw new ArgumentException($"Dataset '{dataset.Name}' has shape [{string.Join(", ", dataset.FeatureShape)}]; these statistics are for [{string.Join(", ", FeatureShape)}].", nameof(dataset));
        return new NormalizedDataset(dataset, this);
    }

    /// <summary>Standardises whole samples in place: <paramref name="features"/> holds one or more rows.</summary>
    public void ApplyInPlace(Span<float> features)
    {
        if (features.Length % _mean.Length != 0)
            throw new ArgumentException($"{features.Length} floats are not whole samples of {_mean.Length}.", nameof(features));
        for (var start = 0; start < features.Length; start += _mean.Length)
        {
            var row = features.Slice(start, _mean.Length);
            TensorPrimitives.Subtract(row, _mean, row);
            TensorPrimitives.Multiply(row, _inverseStd, row);
        }
    }
}
