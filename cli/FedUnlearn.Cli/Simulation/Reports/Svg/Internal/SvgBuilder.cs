using System.Globalization;
using System.Text;

namespace FedUnlearn.Cli.Simulation.Reports.Svg.Internal;

/// <summary>
/// Writes SVG by hand: a fixed viewBox that scales to the page width, escaped text, invariant
/// numbers with at most two decimals (so the same chart always gives the same bytes).
/// </summary>
internal sealed class SvgBuilder
{
    private const string Style =
        "text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;fill:#222}" +
        ".title{font-size:15px;font-weight:600}.axis{stroke:#444;stroke-width:1}.grid{stroke:#e3e3e3;stroke-width:1}" +
        ".tick{font-size:11px;fill:#555}.series{fill:none;stroke:#1f77b4;stroke-width:2}.point{fill:#1f77b4}" +
        ".event{stroke:#555;stroke-width:1.2;stroke-dasharray:5 4}.event-label{font-size:11px;fill:#444}" +
        ".bar-forget{fill:#d62728}.bar-retain{fill:#1f77b4}.bar-mia{fill:#9467bd}" +
        ".reference{stroke:#2ca02c;stroke-width:1.5;stroke-dasharray:6 4}.chance{stroke:#999;stroke-width:1;stroke-dasharray:2 3}" +
        ".value{font-size:10px;fill:#333}";

    private readonly StringBuilder _text = new();

    public SvgBuilder(double width, double height, string title)
    {
        Width = width;
        Height = height;
        _text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
            .Append("\" width=\"100%\" style=\"max-width:").Append(N(width)).Append("px;height:auto\" role=\"img\" aria-labelledby=\"chart-title\">\n");
        _text.Append("<title id=\"chart-title\">").Append(Escape(title)).Append("</title>\n");
        _text.Append("<style>").Append(Style).Append("</style>\n");
        _text.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    }

    public double Width { get; }

    public double Height { get; }

    public void Line(double x1, double y1, double x2, double y2, string cls) =>
        _text.Append($"<line class=\"{cls}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>\n");

    public void Rect(double x, double y, double width, double height, string cls, string? tooltip = null)
    {
        _text.Append($"<rect class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"");
        Close("rect", tooltip);
    }

    public void Circle(double cx, double cy, double r, string cls, string? tooltip = null)
    {
        _text.Append($"<circle class=\"{cls}\" cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\"");
        Close("circle", tooltip);
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string cls) =>
        _text.Append($"<polyline class=\"{cls}\" points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\"/>\n");

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> degrees about (x, y).</summary>
    public void Text(double x, double y, string text, string cls = "", string anchor = "start", double rotate = 0)
    {
        _text.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\"");
        if (cls.Length > 0) _text.Append($" class=\"{cls}\"");
        if (rotate != 0) _text.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        _text.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>Centred text on several lines (one tspan each); the element's text content is the lines joined.</summary>
    public void TextLines(double x, double y, IReadOnlyList<string> lines, double lineHeight = 14)
    {
        _text.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"middle\">");
        for (var i = 0; i < lines.Count; i++)
            _text.Append($"<tspan x=\"{N(x)}\" dy=\"{(i == 0 ? "0" : N(lineHeight))}\">").Append(Escape(lines[i])).Append("</tspan>");
        _text.Append("</text>\n");
    }

    public override string ToString() => _text.ToString() + "</svg>\n";

    /// <summary>XML-escapes text for element content and attribute values, dropping characters XML cannot hold.</summary>
    public static string Escape(string text) => new string([.. text.Where(System.Xml.XmlConvert.IsXmlChar)])
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal);

    // Adding +0 turns a rounded -0 into 0, so no "-0" appears.
    public static string N(double value) => (Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture);

    private void Close(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _text.Append("/>\n");
            return;
        }

        _text.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append(">\n");
    }
}
