using FedUnlearn.Cli.Simulation.Reports.Svg.Internal;

namespace FedUnlearn.Cli.Simulation.Reports.Svg;

/// <summary>
/// The report's charts as standalone SVG documents (no scripts, no external resources): they open
/// in any browser and scale to the page width.
/// </summary>
public static class SimulationPlots
{
    /// <summary>Test accuracy of the global model per training round, with a dashed, labelled marker at each forget request.</summary>
    public static string AccuracyPerRound(SimulationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var svg = new SvgBuilder(720, 400, $"Test accuracy per round: {results.Scenario.Name}");
        var frame = new ChartFrame(svg, $"Test accuracy per round — {results.Scenario.Name}", "Training round", "Test accuracy");
        var last = Math.Max(1, Math.Max(results.Rounds.Count == 0 ? 1 : results.Rounds.Max(r => r.Round), results.ForgetEvents.Select(e => e.AfterRound).DefaultIfEmpty(0).Max()));
        double X(double round) => frame.PlotLeft + (round - 0.5) / last * frame.PlotWidth;

        var step = TickStep(last);
        for (var round = 1; round <= last; round++)
        {
            if (round % step != 0 && round != 1) continue;
            svg.Line(X(round), frame.PlotBottom, X(round), frame.PlotBottom + 5, "axis");
            svg.Text(X(round), frame.PlotBottom + 18, round.ToString(System.Globalization.CultureInfo.InvariantCulture), "tick", "middle");
        }

        var points = results.Rounds.Where(r => r.TestAccuracy is { } a && double.IsFinite(a)).OrderBy(r => r.Round)
            .Select(r => (Round: r.Round, X: X(r.Round), Y: frame.Y(r.TestAccuracy!.Value), Value: r.TestAccuracy!.Value)).ToList();
        if (points.Count > 1) svg.Polyline(points.Select(p => (p.X, p.Y)), "series");
        foreach (var p in points) svg.Circle(p.X, p.Y, 3.5, "point", $"round {p.Round}: {GroupedBars.Percent(p.Value)}");

        // A request filed after round r sits between rounds r and r + 1.
        foreach (var (e, i) in results.ForgetEvents.Select((e, i) => (e, i)))
        {
            var x = X(e.AfterRound + 0.5);
            svg.Line(x, frame.PlotTop, x, frame.PlotBottom, "event");
            // Labels read upwards from the x axis: accuracy curves mostly run high, so the bottom is usually free.
            svg.Text(x - 4, frame.PlotBottom - 6, $"#{e.Request + 1} {e.Description}", "event-label", "start", -90);
        }

        frame.LegendEntry(1, "series", "test accuracy", line: true);
        frame.LegendEntry(0, "event", "forget request", line: true);
        return svg.ToString();
    }

    /// <summary>Forget and retain accuracy of every method on one request, as grouped bars.</summary>
    public static string ForgetVsRetain(ForgetRequestResult request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var methods = request.Methods;
        var title = $"Request {request.Index + 1} ({request.Description}): forget vs retain accuracy";
        var svg = new SvgBuilder(GroupedBars.WidthFor(methods.Count), 400, title);
        var frame = new ChartFrame(svg, title, "Method", "Accuracy");
        GroupedBars.Draw(frame, [.. methods.Select(m => m.Method)],
        [
            new("bar-forget", "forget accuracy", [.. methods.Select(m => m.ForgetAccuracy)]),
            new("bar-retain", "retain accuracy", [.. methods.Select(m => m.RetainAccuracy)]),
        ]);
        return svg.ToString();
    }

    /// <summary>Loss-based membership-inference accuracy per method on one request, with the reference's value and chance (50%) as lines.</summary>
    public static string Mia(ForgetRequestResult request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var methods = request.Methods;
        var title = $"Request {request.Index + 1} ({request.Description}): membership inference";
        var svg = new SvgBuilder(GroupedBars.WidthFor(methods.Count), 400, title);
        var frame = new ChartFrame(svg, title, "Method", "MIA accuracy (loss)");
        GroupedBars.Draw(frame, [.. methods.Select(m => m.Method)], [new("bar-mia", "MIA accuracy", [.. methods.Select(m => m.MiaLoss)])]);
        svg.Line(frame.PlotLeft, frame.Y(0.5), frame.PlotLeft + frame.PlotWidth, frame.Y(0.5), "chance");
        frame.LegendEntry(1, "chance", "chance: 50%", line: true);
        if (request.Reference is { MiaLoss: { } reference } r && double.IsFinite(reference))
        {
            var y = frame.Y(reference);
            svg.Line(frame.PlotLeft, y, frame.PlotLeft + frame.PlotWidth, y, "reference");
            frame.LegendEntry(2, "reference", $"{r.Method}: {GroupedBars.Percent(reference)}", line: true);
        }

        return svg.ToString();
    }

    private static int TickStep(int rounds)
    {
        foreach (var step in (int[])[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500])
        {
            if (rounds / step <= 12) return step;
        }

        return (rounds / 12) + 1;
    }
}
