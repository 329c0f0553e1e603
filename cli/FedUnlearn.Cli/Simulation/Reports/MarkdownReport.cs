using System.Text;
using FedUnlearn.Cli.Simulation.Reports.Internal;
using static FedUnlearn.Cli.Simulation.Reports.Internal.MetricFormat;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>
/// <c>report.md</c>: a summary of the run, the training rounds, and per forget request a table of
/// every method against the reference, with links to the SVG plots written beside it.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The report as Markdown ("\n" line ends, invariant numbers).</summary>
    public static string Render(SimulationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        results = results.WithSpeedUps();
        var s = results.Scenario;
        var env = results.Environment;
        var md = new StringBuilder();
        md.Append("# FedUnlearn simulation: ").Append(Cell(s.Name)).Append("\n\n");
        md.Append("- **Data**: ").Append(ScenarioSummary.Data(s, env.Dataset)).Append('\n');
        md.Append("- **Model**: ").Append(ScenarioSummary.Model(s)).Append('\n');
        md.Append("- **Training**: ").Append(ScenarioSummary.Training(s)).Append('\n');
        if (results.Rounds.LastOrDefault() is { } last)
            md.Append("- **Final test accuracy**: ").Append(Percent(last.TestAccuracy)).Append(" after round ").Append(Count(last.Round)).Append('\n');
        md.Append("- **Total time**: ").Append(Seconds(results.WallTimeSeconds)).Append('\n');
        md.Append("- **Reproduce**: seed ").Append(Count((long)env.Seed)).Append(", FedUnlearn ").Append(Cell(env.FedUnlearnVersion))
            .Append(", ").Append(Cell(env.DotNetVersion)).Append(", libtorch ").Append(Cell(env.LibTorchVersion))
            .Append(", ").Append(Count(env.MachineCores)).Append(" cores, ").Append(Cell(env.Device)).Append("\n\n");
        md.Append("![Test accuracy per round](").Append(ReportFiles.Accuracy).Append(")\n\n");
        Rounds(md, results);
        foreach (var request in results.Requests) Request(md, request);
        md.Append("## Reading the tables\n\n")
            .Append("Judge each method against the reference (retraining without the forgotten data), not against ideal values: ")
            .Append("forget accuracy and MIA should approach the reference's, retain and test accuracy should stay close to it, ")
            .Append("and the activation distance (mean L2 between softmax outputs) to it should be small. ")
            .Append("MIA is the 5-fold cross-validated accuracy of a loss-based membership attack (50% = cannot tell members from non-members). ")
            .Append("ASR is the backdoor attack success rate on triggered samples. Time and bytes cover the campaign only; ")
            .Append("speed-up is the reference's time over the method's.\n");
        return md.ToString();
    }

    private static void Rounds(StringBuilder md, SimulationResults results)
    {
        if (results.Rounds.Count == 0) return;
        md.Append("## Training rounds\n\n| Round | Version | Test acc | Clients trained | Samples | Time | Sent | Received |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in results.Rounds)
        {
            md.Append($"| {Count(r.Round)} | {Count(r.GlobalVersion)} | {Percent(r.TestAccuracy)} | {Count(r.ClientSamples.Count(n => n > 0))} | ")
                .Append($"{Count(r.ClientSamples.Sum(n => (long)n))} | {Seconds(r.WallTimeSeconds)} | {Bytes(r.BytesSent)} | {Bytes(r.BytesReceived)} |\n");
        }

        md.Append('\n');
    }

    private static void Request(StringBuilder md, ForgetRequestResult request)
    {
        md.Append($"## Forget request {Count(request.Index + 1)}: {Cell(request.Description)}\n\n");
        md.Append($"Filed after round {Count(request.AtRound)}; {Count(request.ForgetCount)} samples to forget{(request.Backdoor ? ", carrying a backdoor trigger" : "")}.\n\n");
        var columns = ReportColumns.For(request);
        md.Append("| ").AppendJoin(" | ", columns.Select(c => Cell(c.Header))).Append(" |\n");
        md.Append('|').AppendJoin("|", columns.Select(c => c.AlignRight ? "---:" : "---")).Append("|\n");
        foreach (var m in request.Methods) md.Append("| ").AppendJoin(" | ", columns.Select(c => Cell(c.Cell(m)))).Append(" |\n");
        md.Append('\n');
        if (request.Label is { } label && request.Methods.Any(m => m.PerClassTestAccuracy is { } pc && label < pc.Count))
        {
            md.Append($"Test accuracy on the forgotten class {Count(label)}: ")
                .AppendJoin(", ", request.Methods.Select(m => $"{Cell(m.Method)} {Percent(m.PerClassTestAccuracy is { } pc && label < pc.Count ? pc[label] : null)}"))
                .Append(".\n\n");
        }

        md.Append($"![Forget vs retain accuracy]({ReportFiles.ForgetVsRetain(request.Index)}) ![Membership inference]({ReportFiles.Mia(request.Index)})\n\n");
    }

    /// <summary>Text safe in Markdown and inside a table cell: HTML characters and pipes escaped, line breaks flattened.</summary>
    private static string Cell(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
