namespace FedUnlearn.Learning.Data.Sources;

/// <summary>Shape, size, difficulty and seed of <see cref="SyntheticImages"/>.</summary>
public sealed record SyntheticImageOptions
{
    /// <summary>Number of classes (each gets its own prototype pattern).</summary>
    public int ClassCount { get; init; } = 10;

    /// <summary>Image channels.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 28;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 28;

    /// <summary>Samples of each class in the train split.</summary>
    public int TrainSamplesPerClass { get; init; } = 600;

    /// <summary>Samples of each class in the test split.</summary>
    public int TestSamplesPerClass { get; init; } = 100;

    /// <summary>Standard deviation of the per-pixel noise (pixels are in [0, 1]).</summary>
    public float NoiseStdDev { get; init; } = 0.5f;

    /// <summary>Each sample's pattern is shifted by up to this many pixels in each direction.</summary>
    public int MaxShift { get; init; } = 3;

    /// <summary>The seed: the same seed gives the same bytes on every machine.</summary>
    public ulong Seed { get; init; } = 42;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ClassCount, 2, nameof(ClassCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(Channels, 1, nameof(Channels));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 4, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 4, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainSamplesPerClass, 1, nameof(TrainSamplesPerClass));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestSamplesPerClass, 1, nameof(TestSamplesPerClass));
        if (!(NoiseStdDev >= 0) || float.IsInfinity(NoiseStdDev))
            throw new ArgumentOutOfRangeException(nameof(NoiseStdDev), NoiseStdDev, "The noise must be finite and non-negative.");
        ArgumentOutOfRangeException.ThrowIfNegative(MaxShift, nameof(MaxShift));
        if ((long)ClassCount * Math.Max(TrainSamplesPerClass, TestSamplesPerClass) * Channels * Height * Width > Array.MaxLength)
            throw new ArgumentException("The synthetic dataset would not fit in one array; use fewer or smaller samples.");
    }
}
