using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public class MarkdownReportTests
{
    private readonly string _md = MarkdownReport.Render(SampleResults.Create());

    [Fact]
    public void Render_BackdoorRequest_HasMiaAndAsrColumnsAndExactRows()
    {
        Assert.Contains("| Method | Forget acc | Retain acc | Test acc | MIA | ASR | Act. dist to retrain | Time | Bytes | Speed-up vs retrain |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", _md);
        Assert.Contains("| rfa | 12.3% | 87.6% | 85.0% | 51.2% | 4.0% | 0.0123 | 2.00 s | 1.50 KiB | 10× |\n", _md);
        Assert.Contains("| nabla-tau | 20.0% | 81.0% | 80.0% | 55.0% | 10.0% | 0.0500 | 4.00 s | 3.00 MiB | 5.0× |\n", _md);
        Assert.Contains("| retrain (reference) | 10.0% | 90.0% | 86.0% | 52.0% | 2.0% | — | 20.0 s | 10.0 MiB | 1.0× |\n", _md);
    }

    [Fact]
    public void Render_CleanClassRequest_LeavesOutMiaAndAsrAndListsTheForgottenClass()
    {
        var section = _md[_md.IndexOf("## Forget request 2", StringComparison.Ordinal)..];
        Assert.Contains("| Method | Forget acc | Retain acc | Test acc | Act. dist to retrain | Time | Bytes | Speed-up vs retrain |\n", section);
        Assert.Contains("| rfa | 5.0% | 88.0% | 80.0% | 0.0200 | 1.50 s | 512 B | 20× |\n", section);
        Assert.Contains("Test accuracy on the forgotten class 3: rfa 5.0%, retrain 0.0%.", section);
    }

    [Fact]
    public void Render_Summary_HasSetupRoundsAndPlots()
    {
        Assert.StartsWith("# FedUnlearn simulation: default\n", _md);
        Assert.Contains("- **Data**: Fashion-MNIST, 20000 train / 2000 test samples, 10.0% public for the base; 5 clients (in-process), Dirichlet α = 0.5\n", _md);
        Assert.Contains("- **Model**: MLP 256-256, LoRA r = 8, α = 16 on fc1, fc2, head\n", _md);
        Assert.Contains("- **Final test accuracy**: 90.0% after round 4\n", _md);
        Assert.Contains("seed 42, FedUnlearn 0.1.0, .NET 10.0.0, libtorch 1.13.1, 2 cores, cpu", _md);
        Assert.Contains("| 2 | 2 | 70.0% | 4 | 1300 | 2.50 s | 1.00 MiB | 2.00 KiB |\n", _md);
        Assert.Contains("![Test accuracy per round](accuracy.svg)", _md);
        Assert.Contains("(request-2-forget-retain.svg)", _md);
        Assert.Contains("(request-2-mia.svg)", _md);
    }

    [Fact]
    public void Render_SpecialCharacters_AreEscaped()
    {
        var md = MarkdownReport.Render(SampleResults.Create(rfaLabel: "rfa | <fast>"));
        Assert.Contains("| rfa \\| &lt;fast&gt; | 12.3% |", md);
        Assert.Contains("## Forget request 2: class 3 &lt;Dress&gt; &amp; co\n", md);
    }

    [Fact]
    public void Render_UsesInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(_md, MarkdownReport.Render(SampleResults.Create()));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
