namespace FedUnlearn.Cli.Simulation.Reports.Svg.Internal;

/// <summary>
/// The plot area of a chart whose y axis is a share in [0, 1] shown as percent: margins, the
/// value-to-pixel mapping, horizontal grid lines with tick labels, both axes and their titles.
/// </summary>
internal sealed class ChartFrame
{
    private const double Left = 64, Right = 24, Top = 60, Bottom = 76;

    public ChartFrame(SvgBuilder svg, string title, string xTitle, string yTitle)
    {
        Svg = svg;
        PlotLeft = Left;
        PlotTop = Top;
        PlotWidth = svg.Width - Left - Right;
        PlotHeight = svg.Height - Top - Bottom;
        svg.Text(svg.Width / 2, 24, title, "title", "middle");
        for (var tick = 0; tick <= 5; tick++)
        {
            var y = Y(tick / 5.0);
            svg.Line(PlotLeft, y, PlotLeft + PlotWidth, y, "grid");
            svg.Text(PlotLeft - 8, y + 4, $"{tick * 20}%", "tick", "end");
        }

        svg.Line(PlotLeft, PlotTop, PlotLeft, PlotBottom, "axis");
        svg.Line(PlotLeft, PlotBottom, PlotLeft + PlotWidth, PlotBottom, "axis");
        svg.Text(16, PlotTop + PlotHeight / 2, yTitle, "", "middle", -90);
        svg.Text(PlotLeft + PlotWidth / 2, svg.Height - 24, xTitle, "", "middle");
    }

    public SvgBuilder Svg { get; }

    public double PlotLeft { get; }

    public double PlotTop { get; }

    public double PlotWidth { get; }

    public double PlotHeight { get; }

    public double PlotBottom => PlotTop + PlotHeight;

    /// <summary>Pixel row of a share, clamped to the axis range.</summary>
    public double Y(double share) => PlotBottom - Math.Clamp(share, 0, 1) * PlotHeight;

    /// <summary>A legend entry (swatch and label) at the top right, the <paramref name="slot"/>-th from the right.</summary>
    public void LegendEntry(int slot, string cls, string label, bool line = false)
    {
        var x = PlotLeft + PlotWidth - 160 * (slot + 1) + 20;
        var y = PlotTop - 14;
        if (line) Svg.Line(x, y - 4, x + 18, y - 4, cls);
        else Svg.Rect(x, y - 10, 12, 12, cls);
        Svg.Text(x + 24, y, label, "tick");
    }
}
