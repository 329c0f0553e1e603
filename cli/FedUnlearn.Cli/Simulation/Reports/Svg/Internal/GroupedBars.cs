namespace FedUnlearn.Cli.Simulation.Reports.Svg.Internal;

/// <summary>Grouped bars on a <see cref="ChartFrame"/>: one group per category, one bar per series, value labels on top.</summary>
internal static class GroupedBars
{
    public const double GroupWidth = 120;

    /// <summary>Chart width that gives every group <see cref="GroupWidth"/> pixels (at least 560).</summary>
    public static double WidthFor(int groups) => Math.Max(560, 88 + groups * GroupWidth);

    /// <summary>Draws the bars; returns the x centre of each group.</summary>
    public static IReadOnlyList<double> Draw(ChartFrame frame, IReadOnlyList<string> groups, IReadOnlyList<BarSeries> series)
    {
        var svg = frame.Svg;
        var slot = frame.PlotWidth / Math.Max(1, groups.Count);
        var barWidth = Math.Min(36, slot * 0.7 / series.Count);
        var centres = new List<double>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var centre = frame.PlotLeft + slot * (g + 0.5);
            centres.Add(centre);
            var start = centre - barWidth * series.Count / 2;
            for (var s = 0; s < series.Count; s++)
            {
                var x = start + s * barWidth;
                if (series[s].Values[g] is not { } value || !double.IsFinite(value))
                {
                    svg.Text(x + barWidth / 2, frame.PlotBottom - 4, "n/a", "value", "middle");
                    continue;
                }

                var top = frame.Y(value);
                var label = Percent(value);
                svg.Rect(x + 1, top, barWidth - 2, frame.PlotBottom - top, $"bar {series[s].Class}", $"{groups[g]}: {series[s].Label} {label}");
                svg.Text(x + barWidth / 2, top - 4, label, "value", "middle");
            }

            svg.TextLines(centre, frame.PlotBottom + 18, Wrap(groups[g]));
        }

        for (var s = 0; s < series.Count; s++) frame.LegendEntry(series.Count - 1 - s, series[s].Class, series[s].Label);
        return centres;
    }

    /// <summary>
    /// A group label on one line, or on two split at the space nearest the middle when it is too
    /// long for its slot. The first line keeps the space, so the text content stays the whole label.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string label, int maxChars = 16)
    {
        if (label.Length <= maxChars) return [label];
        var spaces = Enumerable.Range(0, label.Length).Where(i => label[i] == ' ').ToList();
        if (spaces.Count == 0) return [label];
        var cut = spaces.MinBy(i => Math.Abs(i - label.Length / 2)) + 1;
        return [label[..cut], label[cut..]];
    }

    public static string Percent(double share) =>
        (share * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
