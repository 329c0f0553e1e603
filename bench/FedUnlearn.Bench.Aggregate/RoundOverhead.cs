using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Bench.Aggregate;

/// <summary>Round times in milliseconds, from the server's own round summaries.</summary>
/// <param name="MedianMs">Median time from one commit to the next: the figure reported (one disturbed round does not move it).</param>
/// <param name="MeanMs">Mean of the same.</param>
/// <param name="MinMs">Fastest round.</param>
/// <param name="MaxMs">Slowest round.</param>
/// <param name="InRoundMs">Median time from sending the tasks to the commit.</param>
/// <param name="BetweenMs">Median time from a commit to the next round's tasks (loading the global, opening the round, its task rows).</param>
/// <param name="TasksMs">Median time from the round's start to the last client holding its task.</param>
/// <param name="FetchedMs">... to the last client holding the adapter.</param>
/// <param name="AcknowledgedMs">... to the last upload acknowledged.</param>
public sealed record RoundOverhead(double MedianMs, double MeanMs, double MinMs, double MaxMs, double InRoundMs, double BetweenMs,
    double TasksMs, double FetchedMs, double AcknowledgedMs)
{
    /// <summary>Figures for every summary after the first (which only marks where the first measured round starts).</summary>
    public static RoundOverhead From(IReadOnlyList<RoundSummary> summaries, RoundTimeline timeline)
    {
        if (summaries.Count < 2) throw new ArgumentException("At least two round summaries are needed.", nameof(summaries));
        var measured = summaries.Skip(1).ToArray();
        var cycles = measured.Select((s, i) => (s.FinishedAt - summaries[i].FinishedAt).TotalMilliseconds).ToArray();
        var inRound = measured.Select(s => (s.FinishedAt - s.StartedAt).TotalMilliseconds).ToArray();
        var between = measured.Select((s, i) => (s.StartedAt - summaries[i].FinishedAt).TotalMilliseconds).ToArray();
        double Since(Func<(DateTimeOffset Task, DateTimeOffset Fetched, DateTimeOffset Acknowledged), DateTimeOffset> phase) =>
            Median([.. measured.Select(s => (phase(timeline.Of(s.Round)) - s.StartedAt).TotalMilliseconds)]);
        return new RoundOverhead(Median(cycles), cycles.Average(), cycles.Min(), cycles.Max(), Median(inRound), Median(between),
            Since(t => t.Task), Since(t => t.Fetched), Since(t => t.Acknowledged));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
