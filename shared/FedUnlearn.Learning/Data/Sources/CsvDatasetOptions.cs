namespace FedUnlearn.Learning.Data.Sources;

/// <summary>How to read a CSV file into a tabular dataset.</summary>
public sealed record CsvDatasetOptions
{
    /// <summary>The header name of the label column (required).</summary>
    public required string LabelColumn { get; init; }

    /// <summary>
    /// The header name of a column of int64 sample ids, or null to number rows 0, 1, … in file order.
    /// Use an id column when rows may be added or reordered: forget requests name ids.
    /// </summary>
    public string? IdColumn { get; init; }

    /// <summary>The field separator.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The label vocabulary in class order; a label outside it is an error. When null, the distinct
    /// labels in the file are sorted (numerically if all are integers, else ordinally), so the
    /// mapping does not depend on row order.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The dataset's name; the file name when null.</summary>
    public string? Name { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumn, nameof(LabelColumn));
        if (Delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"'{Delimiter}' cannot be a CSV delimiter.", nameof(Delimiter));
        if (IdColumn == LabelColumn)
            throw new ArgumentException("The id and label columns must differ.", nameof(IdColumn));
        if (ClassNames is { Count: 0 })
            throw new ArgumentException("An explicit class vocabulary needs at least one class.", nameof(ClassNames));
        if (ClassNames is not null && ClassNames.Distinct().Count() != ClassNames.Count)
            throw new ArgumentException("The class vocabulary repeats a name.", nameof(ClassNames));
    }
}
