using System.Globalization;
using System.Text;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>Writes the rows as Markdown: one table per scenario, with the columns that scenario needs.</summary>
internal static class ResultsTable
{
    private sealed record Column(string Header, Func<ResultRow, string> Cell);

    public static string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<string, string> titles)
    {
        var text = new StringBuilder();
        foreach (var group in rows.GroupBy(r => r.Scenario))
        {
            text.AppendLine($"### {group.Key.ToUpperInvariant()}: {titles[group.Key]}").AppendLine();
            var columns = Columns(group.Key);
            text.AppendLine("| " + string.Join(" | ", columns.Select(c => c.Header)) + " |");
            text.AppendLine("|" + string.Concat(columns.Select(c => c.Header is "model" or "method" or "options" ? "---|" : "---:|")));
            foreach (var row in group) text.AppendLine("| " + string.Join(" | ", columns.Select(c => c.Cell(row))) + " |");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static List<Column> Columns(string scenario)
    {
        var columns = new List<Column>
        {
            new("model", r => r.Model),
            new("method", r => r.Method),
            new("forget acc", r => P(r.ForgetAccuracy)),
            new("retain acc", r => P(r.RetainAccuracy)),
            new("test acc", r => P(r.TestAccuracy)),
        };
        if (scenario == "s2")
        {
            columns.Add(new("test class 3", r => P(r.TestForgetClass)));
            columns.Add(new("test other classes", r => P(r.TestOtherClasses)));
        }

        if (scenario == "s3") columns.Add(new("ASR", r => P(r.AttackSuccess)));
        columns.Add(new("MIA", r => N(r.Mia, "F3")));
        columns.Add(new("act. dist", r => N(r.ActivationDistance, "F3")));
        columns.Add(new("wall s", r => r.Cost.Wall.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));
        columns.Add(new("CPU s", r => r.Cost.Cpu.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));
        columns.Add(new("speed-up (CPU)", r => r.SpeedUp is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) + "×" : "—"));
        columns.Add(new("steps", r => r.Steps?.ToString(CultureInfo.InvariantCulture) ?? "—"));
        columns.Add(new("options", r => r.Options));
        return columns;
    }

    /// <summary>A rate as a percentage with one decimal.</summary>
    private static string P(double? value) => value is { } v ? (100 * v).ToString("F1", CultureInfo.InvariantCulture) : "—";

    private static string N(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
