using static FedUnlearn.Cli.Simulation.Reports.Internal.MetricFormat;

namespace FedUnlearn.Cli.Simulation.Reports.Internal;

/// <summary>
/// The columns of a request's table, the same in report.md and in the terminal. MIA appears when
/// any method measured it, ASR when the forget set carried a trigger.
/// </summary>
internal static class ReportColumns
{
    /// <summary>The columns; pass the request through <see cref="ForgetRequestResult.WithSpeedUps"/> first.</summary>
    public static IReadOnlyList<ReportColumn> For(ForgetRequestResult request)
    {
        var reference = request.Reference?.Method ?? "reference";

        var columns = new List<ReportColumn>
        {
            new("Method", false, m => m.IsReference ? $"{m.Method} (reference)" : m.Method),
            new("Forget acc", true, m => Percent(m.ForgetAccuracy)),
            new("Retain acc", true, m => Percent(m.RetainAccuracy)),
            new("Test acc", true, m => Percent(m.TestAccuracy)),
        };
        if (request.Methods.Any(m => m.MiaLoss is not null)) columns.Add(new("MIA", true, m => Percent(m.MiaLoss)));
        if (request.Backdoor || request.Methods.Any(m => m.AttackSuccessRate is not null)) columns.Add(new("ASR", true, m => Percent(m.AttackSuccessRate)));
        columns.Add(new($"Act. dist to {reference}", true, m => m.IsReference ? Missing : Distance(m.ActivationDistance)));
        columns.Add(new("Time", true, m => Seconds(m.WallTimeSeconds)));
        columns.Add(new("Bytes", true, m => Bytes(m.BytesSent)));
        columns.Add(new($"Speed-up vs {reference}", true, m => SpeedUp(m.SpeedUp)));
        return columns;
    }
}
