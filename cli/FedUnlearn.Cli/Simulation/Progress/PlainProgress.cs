using System.Globalization;
using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.Cli.Simulation.Progress;

/// <summary>Progress as plain lines, for logs and pipes (CI, redirected output): one line per event, no redraws.</summary>
internal sealed class PlainProgress(TextWriter output) : ISimulationProgress
{
    public void Stage(string description) => Line(description + "...");

    public void RoundCompleted(int round, int totalRounds, double wallSeconds) =>
        Line($"Round {round}/{totalRounds} committed ({wallSeconds:0.0} s).");

    public void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds)
    {
        foreach (var r in rounds) Line($"Round {r.Round}: test accuracy {Percent(r.TestAccuracy)}.");
    }

    public void CampaignStarted(int request, string method, int rounds) =>
        Line($"Forget request {request + 1}, {method}: campaign of {rounds} round(s).");

    public void CampaignRoundCompleted(int request, string method, int round, int rounds) =>
        Line($"Forget request {request + 1}, {method}: campaign round {round}/{rounds} committed.");

    public void CampaignCompleted(int request, MethodResult result) =>
        Line($"Forget request {request + 1}, {result.Method}: forget {Percent(result.ForgetAccuracy)}, retain {Percent(result.RetainAccuracy)}, " +
             $"test {Percent(result.TestAccuracy)} ({result.WallTimeSeconds:0.0} s).");

    private void Line(string text) => output.WriteLine(text);

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
