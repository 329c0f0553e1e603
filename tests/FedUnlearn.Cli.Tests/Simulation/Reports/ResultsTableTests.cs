using FedUnlearn.Cli.Simulation.Reports;
using Spectre.Console;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public class ResultsTableTests
{
    [Fact]
    public void Write_ShowsTheSameCellsAsTheReport()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;

        ResultsTable.Write(console, SampleResults.Create(rfaLabel: "rfa [v2]"), "out");
        var text = writer.ToString();

        Assert.Contains("Final test accuracy 90.0% after round 4; total 80.5 s.", text);
        Assert.Contains("Forget request 2: class 3 <Dress> & co (after round 3, 120 samples)", text);
        var rfaRow = text.Split('\n').First(l => l.Contains("rfa [v2]") && l.Contains("51.2%"));
        foreach (var cell in new[] { "12.3%", "87.6%", "85.0%", "4.0%", "0.0123", "2.00 s", "1.50 KiB", "10×" })
            Assert.Contains(cell, rfaRow);
        Assert.Contains("retrain (reference)", text);
        Assert.Contains(Path.Combine("out", "report.md"), text);
    }
}
