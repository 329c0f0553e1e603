using System.Text;
using FedUnlearn.Cli.Simulation.Reports.Svg;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>
/// Writes a report folder: <c>results.json</c>, <c>report.md</c>, <c>accuracy.svg</c> and, per
/// forget request, <c>request-N-forget-retain.svg</c> and <c>request-N-mia.svg</c>. The same
/// results always give byte-identical files.
/// </summary>
public static class ReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The files of the folder, by name, without writing them.</summary>
    public static IReadOnlyList<(string Name, string Content)> Render(SimulationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        results = results.WithSpeedUps();
        var files = new List<(string, string)>
        {
            (ReportFiles.Results, ResultsJson.Serialize(results)),
            (ReportFiles.Markdown, MarkdownReport.Render(results)),
            (ReportFiles.Accuracy, SimulationPlots.AccuracyPerRound(results)),
        };
        foreach (var request in results.Requests)
        {
            files.Add((ReportFiles.ForgetVsRetain(request.Index), SimulationPlots.ForgetVsRetain(request)));
            files.Add((ReportFiles.Mia(request.Index), SimulationPlots.Mia(request)));
        }

        return files;
    }

    /// <summary>Creates <paramref name="directory"/> if needed and writes every file; returns their full paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(SimulationResults results, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = Render(results);
        if (files.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != files.Count)
            throw new ArgumentException("Two forget requests share an index; file names would collide.", nameof(results));
        Directory.CreateDirectory(directory);
        var paths = new List<string>(files.Count);
        foreach (var (name, content) in files)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name));
            await File.WriteAllTextAsync(path, content, Utf8, cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }
}
