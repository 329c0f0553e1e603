using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>Which header columns hold the label, the id and the features.</summary>
internal sealed class CsvLayout
{
    private CsvLayout(int labelColumn, int? idColumn, int[] featureColumns)
    {
        LabelColumn = labelColumn;
        IdColumn = idColumn;
        FeatureColumns = featureColumns;
    }

    public int LabelColumn { get; }

    public int? IdColumn { get; }

    public int[] FeatureColumns { get; }

    public static CsvLayout From(string[] columns, CsvDatasetOptions options, string source)
    {
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DatasetFormatException($"CSV '{source}' line 1: column '{duplicate.Key}' appears more than once in the header.", source, 1);
        var label = Array.IndexOf(columns, options.LabelColumn);
        if (label < 0)
            throw new DatasetFormatException($"CSV '{source}' line 1: no label column '{options.LabelColumn}'; the header has {Listing(columns)}.", source, 1);
        int? id = null;
        if (options.IdColumn is not null)
        {
            id = Array.IndexOf(columns, options.IdColumn);
            if (id < 0)
                throw new DatasetFormatException($"CSV '{source}' line 1: no id column '{options.IdColumn}'; the header has {Listing(columns)}.", source, 1);
        }
        var features = Enumerable.Range(0, columns.Length).Where(c => c != label && c != id).ToArray();
        if (features.Length == 0)
            throw new DatasetFormatException($"CSV '{source}' line 1: no feature columns besides the label{(id is null ? "" : " and id")}.", source, 1);
        return new CsvLayout(label, id, features);
    }

    private static string Listing(string[] columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
}
