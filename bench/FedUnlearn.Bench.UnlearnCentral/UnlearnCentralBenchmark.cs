using System.Diagnostics;
using System.Text;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// The whole benchmark: data, then per model the cached base and every scenario; prints the tables,
/// the targets and the RESULT line, and writes them to the results file.
/// </summary>
internal static class UnlearnCentralBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(options.Threads);
        output.WriteLine($"# intra-op threads {torch.get_num_threads()}; models {string.Join(",", options.Models)}; "
            + $"scenarios {string.Join(",", options.Scenarios)}; seed {options.Seed}");
        var data = await BenchData.LoadAsync(options.Seed, cancellationToken);
        output.WriteLine($"# data: public {data.Public.Count}, validation {data.Validation.Count}, fine-tune {data.FineTune.Count}, test {data.Test.Count}");
        var scenarios = options.Scenarios.Select(s => ScenarioFactory.Create(s, data, options.Seed)).ToList();
        foreach (var s in scenarios) output.WriteLine($"# {s.Key}: {s.Title}; forget {s.Forget.Count}, retain {s.Retain.Count}");

        var cache = new BaseModelCache(options.CacheDirectory, data, options.Seed, output);
        var rows = new List<ResultRow>();
        var setups = options.Models.Select(m => ModelSetup.For(m, options)).ToList();
        foreach (var setup in setups)
        {
            var basePath = await cache.EnsureAsync(setup, cancellationToken);
            using var model = await ModelFactory.LoadBaseAsync(basePath, setup.LoRA, cancellationToken);
            using var reference = await ModelFactory.LoadBaseAsync(basePath, setup.LoRA, cancellationToken);
            var runner = new ScenarioRunner(setup, data, options, output);
            foreach (var scenario in scenarios) rows.AddRange(runner.Run(model, reference, scenario, cancellationToken));
        }

        var report = Report(options, setups, scenarios, rows, clock.Elapsed);
        output.WriteLine();
        output.Write(report);
        if (options.OutputPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken);
            output.WriteLine($"# written to {path}");
        }

        output.WriteLine(TargetReport.ResultLine(rows));
        return 0;
    }

    private static string Report(BenchOptions options, IReadOnlyList<ModelSetup> setups, IReadOnlyList<Scenario> scenarios, List<ResultRow> rows, TimeSpan elapsed)
    {
        var text = new StringBuilder("## unlearn-central results\n\n");
        text.AppendLine($"Fashion-MNIST, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {options.Threads} intra-op thread(s), seed {options.Seed}, "
            + $"total {elapsed.TotalMinutes:F1} min. Fine-tune (original and retrain): "
            + string.Join("; ", setups.Select(s => $"{s.Name} {s.FineTune.Epochs} epochs, batch {s.FineTune.BatchSize}, lr {s.FineTune.LearningRate}, "
                + $"methods one pass over a {s.RetainBudget}-sample retained subset, cheapest of {s.Repeats} timed run(s)"))
            + ". Accuracies and ASR in %; MIA = loss-attack accuracy (members: the forget set); act. dist = mean L2 between the softmax "
            + "outputs and retrain's on the forget set; speed-up = retrain's CPU time over the method's (wall time drifts with the machine's load).").AppendLine();
        text.Append(ResultsTable.Markdown(rows, scenarios.ToDictionary(s => s.Key, s => s.Title)));
        text.AppendLine("### Targets").AppendLine();
        text.Append(TargetReport.Markdown(rows)).AppendLine();
        text.AppendLine("`" + TargetReport.ResultLine(rows) + "`");
        return text.ToString();
    }
}
