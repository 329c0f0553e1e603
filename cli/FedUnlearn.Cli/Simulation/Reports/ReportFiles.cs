using System.Globalization;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>The file names inside a report folder.</summary>
public static class ReportFiles
{
    /// <summary>Every figure, machine-readable.</summary>
    public const string Results = ResultsJson.FileName;

    /// <summary>The human-readable report.</summary>
    public const string Markdown = "report.md";

    /// <summary>Test accuracy per round with the forget events.</summary>
    public const string Accuracy = "accuracy.svg";

    /// <summary>Forget vs retain accuracy per method for request <paramref name="index"/> (0-based; the name counts from 1).</summary>
    public static string ForgetVsRetain(int index) => string.Create(CultureInfo.InvariantCulture, $"request-{index + 1}-forget-retain.svg");

    /// <summary>MIA per method for request <paramref name="index"/> (0-based; the name counts from 1).</summary>
    public static string Mia(int index) => string.Create(CultureInfo.InvariantCulture, $"request-{index + 1}-mia.svg");
}
