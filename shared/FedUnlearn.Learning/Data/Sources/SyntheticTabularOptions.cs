namespace FedUnlearn.Learning.Data.Sources;

/// <summary>Size, difficulty and seed of <see cref="SyntheticTabular"/>.</summary>
public sealed record SyntheticTabularOptions
{
    /// <summary>Features per sample (the dataset's shape is <c>[FeatureCount]</c>).</summary>
    public int FeatureCount { get; init; } = 20;

    /// <summary>Number of classes, one Gaussian cluster each.</summary>
    public int ClassCount { get; init; } = 4;

    /// <summary>Samples of each class in the train split.</summary>
    public int TrainSamplesPerClass { get; init; } = 250;

    /// <summary>Samples of each class in the test split.</summary>
    public int TestSamplesPerClass { get; init; } = 50;

    /// <summary>Cluster centres are drawn per feature from N(0, Separation²); samples add unit noise.
    /// Larger is easier.</summary>
    public float Separation { get; init; } = 1f;

    /// <summary>The seed: the same seed gives the same bytes on every machine.</summary>
    public ulong Seed { get; init; } = 42;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FeatureCount, 1, nameof(FeatureCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClassCount, 2, nameof(ClassCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainSamplesPerClass, 1, nameof(TrainSamplesPerClass));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestSamplesPerClass, 1, nameof(TestSamplesPerClass));
        if (!(Separation >= 0) || float.IsInfinity(Separation))
            throw new ArgumentOutOfRangeException(nameof(Separation), Separation, "The separation must be finite and non-negative.");
        if ((long)ClassCount * Math.Max(TrainSamplesPerClass, TestSamplesPerClass) * FeatureCount > Array.MaxLength)
            throw new ArgumentException("The synthetic dataset would not fit in one array; use fewer samples or features.");
    }
}
