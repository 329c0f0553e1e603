using System.Text;

namespace FedUnlearn.Learning.Data.Internal;

/// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
internal static class CsvLine
{
    /// <summary>Fills <paramref name="fields"/>; returns an error text, or null when the line is well formed.</summary>
    public static string? Split(string line, char delimiter, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return $"field {fields.Count + 1} opens a quote that is never closed";
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != delimiter) return $"field {fields.Count + 1} has text after its closing quote";
            }
            else
            {
                while (i < line.Length && line[i] != delimiter) field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return null;
            i++; // the delimiter
        }
    }
}
