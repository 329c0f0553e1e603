using System.Xml.Linq;
using FedUnlearn.Cli.Simulation.Reports.Svg;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

public class SimulationPlotsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.Matches(@"^0 0 \d+ \d+$", doc.Root.Attribute("viewBox")!.Value);
        Assert.Equal("100%", doc.Root.Attribute("width")!.Value);
        return doc;
    }

    private static List<XElement> WithClass(XDocument doc, string element, string cls) =>
        [.. doc.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == cls)];

    [Fact]
    public void AccuracyPerRound_HasOnePointPerRoundAtTheRightPlace()
    {
        var doc = Parse(SimulationPlots.AccuracyPerRound(SampleResults.Create()));
        var points = WithClass(doc, "circle", "point");
        Assert.Equal(4, points.Count);

        // Plot area: x from 64 over 632 px for rounds 0.5..4.5; y from 324 up 264 px for 0..100%.
        Assert.Equal(("617", "86.4"), ((string)points[3].Attribute("cx")!, (string)points[3].Attribute("cy")!));
        Assert.Equal("round 4: 90.0%", points[3].Element(Svg + "title")!.Value);
        Assert.Single(WithClass(doc, "polyline", "series"));
    }

    [Fact]
    public void AccuracyPerRound_MarksEachForgetEventWithALabelledDashedLine()
    {
        var svg = SimulationPlots.AccuracyPerRound(SampleResults.Create());
        var doc = Parse(svg);
        var events = WithClass(doc, "line", "event").Where(l => (string)l.Attribute("y1")! == "60").ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal("380", (string)events[0].Attribute("x1")!);
        var labels = WithClass(doc, "text", "event-label").Select(t => t.Value).ToList();
        Assert.Equal(["#1 10% of client 0", "#2 class 3 <Dress> & co"], labels);
        Assert.Contains("#2 class 3 &lt;Dress&gt; &amp; co", svg);
    }

    [Fact]
    public void ForgetVsRetain_DrawsTwoBarsPerMethodWithHeightsFromTheValues()
    {
        var request = SampleResults.Create().Requests[0];
        var doc = Parse(SimulationPlots.ForgetVsRetain(request));
        var forget = WithClass(doc, "rect", "bar bar-forget");
        var retain = WithClass(doc, "rect", "bar bar-retain");
        Assert.Equal((3, 3), (forget.Count, retain.Count));
        Assert.Equal("32.47", (string)forget[0].Attribute("height")!); // 12.3% of 264 px
        Assert.Equal("237.6", (string)retain[2].Attribute("height")!); // 90% of 264 px
        var groupLabels = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("nabla-tau", groupLabels);
        Assert.Contains("12.3%", groupLabels);
    }

    [Fact]
    public void Mia_DrawsOneBarPerMethodAndTheReferenceLine()
    {
        var doc = Parse(SimulationPlots.Mia(SampleResults.Create().Requests[0]));
        Assert.Equal(3, WithClass(doc, "rect", "bar bar-mia").Count);
        var reference = WithClass(doc, "line", "reference").Single(l => (string)l.Attribute("x1")! == "64");
        Assert.Equal("186.72", (string)reference.Attribute("y1")!); // 52% of 264 px above 324
        Assert.Contains("retrain: 52.0%", doc.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Mia_NotMeasured_DrawsNoBarsAndNoReference()
    {
        var doc = Parse(SimulationPlots.Mia(SampleResults.Create().Requests[1]));
        Assert.Empty(WithClass(doc, "rect", "bar bar-mia"));
        Assert.Empty(WithClass(doc, "line", "reference"));
        Assert.Equal(2, WithClass(doc, "text", "value").Count(t => t.Value == "n/a"));
    }

    [Fact]
    public void Charts_EscapeMethodLabels()
    {
        const string label = "rfa \"λ=2\" <fast> & 'x'\u0001";
        var request = SampleResults.Create(rfaLabel: label).Requests[0];
        foreach (var svg in new[] { SimulationPlots.ForgetVsRetain(request), SimulationPlots.Mia(request) })
        {
            var doc = Parse(svg);
            Assert.Contains("rfa \"λ=2\" <fast> & 'x'", doc.Descendants(Svg + "text").Select(t => t.Value));
        }
    }
}
