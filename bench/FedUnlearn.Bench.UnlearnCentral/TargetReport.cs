using System.Globalization;
using System.Text;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>The targets table (every method × criterion, met or missed) and the RESULT line.</summary>
internal static class TargetReport
{
    /// <summary>Methods whose figures the RESULT line carries.</summary>
    public static IReadOnlyList<string> Headline { get; } = ["rfa", "nabla-tau"];

    /// <summary>A criterion's figure for one model and method: the worst over the scenarios it covers; null when none ran.</summary>
    public static double? Figure(IReadOnlyList<ResultRow> rows, Criterion criterion, string model, string method)
    {
        double? worst = null;
        foreach (var row in rows.Where(r => r.Model == model && r.Method == method && (criterion.Scenario is null || r.Scenario == criterion.Scenario)))
        {
            var retrain = rows.Single(r => r.Model == model && r.Scenario == row.Scenario && r.Method == "retrain");
            if (criterion.Value(row, retrain) is not { } value) continue;
            worst = worst is { } w ? criterion.Worse(w, value) : value;
        }

        return worst;
    }

    public static string Markdown(IReadOnlyList<ResultRow> rows)
    {
        var criteria = Criterion.All.Where(c => c.Scenario is null || rows.Any(r => r.Scenario == c.Scenario)).ToList();
        var text = new StringBuilder("| model | method | " + string.Join(" | ", criteria.Select(c => c.Label)) + " |\n");
        text.Append("|---|---|" + string.Concat(criteria.Select(_ => "---:|")) + "\n");
        foreach (var (model, method) in rows.Where(r => r.Method is not ("original" or "retrain")).Select(r => (r.Model, r.Method)).Distinct())
        {
            var cells = criteria.Select(c => Figure(rows, c, model, method) is { } v ? $"{Format(c, v)} {(c.Met(v) ? "met" : "**missed**")}" : "—");
            text.Append($"| {model} | {method} | {string.Join(" | ", cells)} |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>RESULT s2_rfa_forget_acc=… …</c>: for each headline method and criterion, the worse figure over
    /// the models run (gaps and accuracies as fractions; speed-up as a ratio, the lowest over scenarios).
    /// </summary>
    public static string ResultLine(IReadOnlyList<ResultRow> rows)
    {
        var pairs = new List<string>();
        var models = rows.Select(r => r.Model).Distinct().ToList();
        foreach (var criterion in Criterion.All.OrderBy(c => c.Scenario is null ? 1 : 0).ThenBy(c => c.Scenario, StringComparer.Ordinal))
        {
            foreach (var method in Headline)
            {
                var values = models.Select(m => Figure(rows, criterion, m, method)).OfType<double>().ToList();
                if (values.Count == 0) continue;
                var key = criterion.Scenario is null ? $"{Key(method)}_{criterion.Key}" : $"{criterion.Scenario}_{Key(method)}_{criterion.Key}";
                pairs.Add($"{key}={Format(criterion, values.Aggregate(criterion.Worse))}");
            }
        }

        return "RESULT " + string.Join(' ', pairs);
    }

    private static string Key(string method) => method.Replace('-', '_');

    private static string Format(Criterion criterion, double value) =>
        value.ToString(criterion.AtLeast ? "F1" : "F4", CultureInfo.InvariantCulture);
}
