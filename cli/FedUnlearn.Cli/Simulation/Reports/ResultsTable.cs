using FedUnlearn.Cli.Simulation.Reports.Internal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>The final tables in the terminal: per forget request, the same columns as report.md.</summary>
public static class ResultsTable
{
    /// <summary>The table of one request; the reference row is shown dimmed.</summary>
    public static Table Build(ForgetRequestResult request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.WithSpeedUps();
        var columns = ReportColumns.For(request);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(new TableTitle(Markup.Escape($"Forget request {request.Index + 1}: {request.Description} (after round {request.AtRound}, {request.ForgetCount} samples)")));
        foreach (var c in columns)
        {
            var column = new TableColumn(new Text(c.Header, new Style(decoration: Decoration.Bold)));
            table.AddColumn(c.AlignRight ? column.RightAligned() : column);
        }

        foreach (var m in request.Methods)
        {
            var style = m.IsReference ? new Style(decoration: Decoration.Dim) : Style.Plain;
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(m), style)));
        }

        return table;
    }

    /// <summary>Writes every request's table, then where the report went (if given).</summary>
    /// <param name="console">The console to write to.</param>
    /// <param name="results">The results.</param>
    /// <param name="reportDirectory">The report folder to mention, or null.</param>
    public static void Write(IAnsiConsole console, SimulationResults results, string? reportDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Rounds.LastOrDefault() is { } last)
            console.WriteLine($"Final test accuracy {MetricFormat.Percent(last.TestAccuracy)} after round {last.Round}; total {MetricFormat.Seconds(results.WallTimeSeconds)}.");
        foreach (var request in results.Requests) console.Write(Build(request));
        if (reportDirectory is not null) console.WriteLine($"Report: {Path.Combine(reportDirectory, ReportFiles.Markdown)}");
    }
}
