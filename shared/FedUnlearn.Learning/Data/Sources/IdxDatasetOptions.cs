namespace FedUnlearn.Learning.Data.Sources;

/// <summary>What an IDX image/label pair must look like, and how to name and id its samples.</summary>
public sealed record IdxDatasetOptions
{
    /// <summary>The dataset's name in logs and errors.</summary>
    public string Name { get; init; } = "idx";

    /// <summary>Number of classes; a label outside <c>[0, ClassCount)</c> is an error.</summary>
    public int ClassCount { get; init; } = 10;

    /// <summary>Optional class names (length <see cref="ClassCount"/>).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Added to each sample's position to form its id (see <see cref="DatasetIds"/>).</summary>
    public long IdOffset { get; init; }

    /// <summary>When set, the files must hold exactly this many samples.</summary>
    public int? ExpectedCount { get; init; }

    /// <summary>When set, images must have exactly this many rows.</summary>
    public int? ExpectedRows { get; init; }

    /// <summary>When set, images must have exactly this many columns.</summary>
    public int? ExpectedColumns { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClassCount, 1, nameof(ClassCount));
        ArgumentOutOfRangeException.ThrowIfNegative(IdOffset, nameof(IdOffset));
        if (ClassNames is not null && ClassNames.Count != ClassCount)
            throw new ArgumentException($"{ClassNames.Count} class names were given for {ClassCount} classes.", nameof(ClassNames));
    }
}
