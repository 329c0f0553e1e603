using System.Xml.Linq;
using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fedunlearn-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task WriteAsync_WritesEveryFileAndEachParses()
    {
        var paths = await ReportWriter.WriteAsync(SampleResults.Create(), Path.Combine(_root, "out"));

        Assert.Equal(
            ["results.json", "report.md", "accuracy.svg", "request-1-forget-retain.svg", "request-1-mia.svg", "request-2-forget-retain.svg", "request-2-mia.svg"],
            paths.Select(Path.GetFileName));
        Assert.All(paths, p => Assert.True(File.Exists(p), p));
        var back = await ResultsJson.ReadAsync(paths[0]);
        Assert.Equal(5.0, back.Requests[0].Methods[1].SpeedUp);
        Assert.Contains("| retrain (reference) |", await File.ReadAllTextAsync(paths[1]));
        foreach (var svg in paths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
            Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
        Assert.NotEqual(0xEF, (await File.ReadAllBytesAsync(paths[0]))[0]); // no BOM
    }

    [Fact]
    public async Task WriteAsync_SameResults_GiveByteIdenticalFiles()
    {
        var first = await ReportWriter.WriteAsync(SampleResults.Create(), Path.Combine(_root, "a"));
        var second = await ReportWriter.WriteAsync(SampleResults.Create(), Path.Combine(_root, "b"));
        for (var i = 0; i < first.Count; i++)
            Assert.Equal(await File.ReadAllBytesAsync(first[i]), await File.ReadAllBytesAsync(second[i]));
    }

    [Fact]
    public void Render_DifferentNumbers_ChangeTheFiles()
    {
        var baseline = ReportWriter.Render(SampleResults.Create());
        var changed = SampleResults.Create();
        changed = changed with { Rounds = [.. changed.Rounds.Select(r => r with { TestAccuracy = r.TestAccuracy - 0.05 })] };
        var other = ReportWriter.Render(changed);
        Assert.NotEqual(baseline[0].Content, other[0].Content);
        Assert.NotEqual(baseline[2].Content, other[2].Content);
    }
}
