using System.Globalization;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Sources;

/// <summary>
/// Loads a tabular dataset from CSV: a header row, one label column (any text, mapped to class
/// indices), an optional id column, and every other column a numeric feature (invariant culture).
/// Errors name the file, the 1-based line and the column.
/// </summary>
public static class CsvDataset
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetFormatException">The header or a row is malformed.</exception>
    public static async Task<DenseDataset> LoadAsync(string path, CsvDatasetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return await LoadAsync(reader, options, path, cancellationToken);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DatasetFormatException">The header or a row is malformed.</exception>
    public static async Task<DenseDataset> LoadAsync(TextReader reader, CsvDatasetOptions options, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var fields = new List<string>();
        var header = await reader.ReadLineAsync(cancellationToken)
            ?? throw new DatasetFormatException($"CSV '{source}' is empty: it needs a header row.", source, 1);
        Fail(CsvLine.Split(header.TrimStart('\uFEFF'), options.Delimiter, fields), source, 1);
        var columns = fields.Select(f => f.Trim()).ToArray();
        var layout = CsvLayout.From(columns, options, source);

        var features = new List<float>();
        var rawLabels = new List<(string Label, int Line)>();
        var ids = new List<long>();
        var idLines = new Dictionary<long, int>();
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Fail(CsvLine.Split(line, options.Delimiter, fields), source, lineNumber);
            if (fields.Count != columns.Length)
                Fail($"expected {columns.Length} fields as in the header, found {fields.Count}", source, lineNumber);
            foreach (var c in layout.FeatureColumns) features.Add(ParseFeature(fields[c], columns[c], source, lineNumber));
            var label = fields[layout.LabelColumn].Trim();
            if (label.Length == 0) Fail($"the label column '{columns[layout.LabelColumn]}' is empty", source, lineNumber);
            rawLabels.Add((label, lineNumber));
            var id = layout.IdColumn is { } idColumn ? ParseId(fields[idColumn], columns[idColumn], source, lineNumber) : rawLabels.Count - 1;
            if (!idLines.TryAdd(id, lineNumber)) Fail($"sample id {id} was already used on line {idLines[id]}", source, lineNumber);
            ids.Add(id);
        }
        if (rawLabels.Count == 0) throw new DatasetFormatException($"CSV '{source}' has a header but no data rows.", source, lineNumber);

        var classNames = options.ClassNames?.ToArray() ?? SortedVocabulary(rawLabels.Select(l => l.Label));
        var classIndex = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var labels = new long[rawLabels.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!classIndex.TryGetValue(rawLabels[i].Label, out var k))
                Fail($"label '{rawLabels[i].Label}' is not one of the {classNames.Length} given classes ({string.Join(", ", classNames.Take(10))})", source, rawLabels[i].Line);
            labels[i] = k;
        }
        var name = options.Name ?? Path.GetFileNameWithoutExtension(source);
        return new DenseDataset(name, features.ToArray(), labels, ids.ToArray(), [layout.FeatureColumns.Length], classNames.Length, classNames);
    }

    private static float ParseFeature(string field, string column, string source, int line)
    {
        var text = field.Trim();
        if (text.Length == 0) Fail($"column '{column}' is empty", source, line);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > float.MaxValue)
            Fail($"column '{column}': '{text}' is not a finite number", source, line);
        return (float)value;
    }

    private static long ParseId(string field, string column, string source, int line)
    {
        if (!long.TryParse(field.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            Fail($"id column '{column}': '{field.Trim()}' is not an integer id", source, line);
        return id;
    }

    private static string[] SortedVocabulary(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        var numeric = distinct.All(l => long.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(l => long.Parse(l, CultureInfo.InvariantCulture)).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
    }

    private static void Fail(string? error, string source, int line)
    {
        if (error is not null) throw new DatasetFormatException($"CSV '{source}' line {line}: {error}.", source, line);
    }
}
