using FedUnlearn.Server.Aggregation.Robust;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class RobustStrategyTests
{
    [Fact]
    public void Median_OddCount_MiddleValuePerCoordinate()
    {
        var aggregator = new CoordinateMedianStrategy().CreateAggregator(Round(Vector("w", 10, 10)));
        aggregator.Add(Delta("a", 1, Vector("w", 1, -50)));
        aggregator.Add(Delta("b", 100, Vector("w", 5, 2)));
        aggregator.Add(Delta("c", 1, Vector("w", 3, 1000)));

        // Unweighted: b's large sample count does not pull the median.
        Assert.Equal([13f, 12f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Median_EvenCount_MeanOfTwoMiddleValues()
    {
        var aggregator = new CoordinateMedianStrategy().CreateAggregator(Round(Vector("w", 0)));
        foreach (var (id, v) in new[] { ("a", 20f), ("b", 1f), ("c", 10f), ("d", 2f) })
            aggregator.Add(Delta(id, 1, Vector("w", v)));

        Assert.Equal([6f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Median_AdapterUpdates_MedianOfDeltasAddedToGlobal()
    {
        var aggregator = new CoordinateMedianStrategy().CreateAggregator(Round(Vector("w", 1)));
        aggregator.Add(Adapter("a", 1, Vector("w", 2)));
        aggregator.Add(Adapter("b", 1, Vector("w", 4)));
        aggregator.Add(Adapter("c", 1, Vector("w", 900)));

        Assert.Equal([4f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void TrimmedMean_BetaOneFifthOfFive_DropsOneEachSide()
    {
        var aggregator = new TrimmedMeanStrategy(new TrimmedMeanOptions { Beta = 0.2 })
            .CreateAggregator(Round(Vector("w", 0)));
        foreach (var (id, v) in new[] { ("a", 100f), ("b", 2f), ("c", -70f), ("d", 4f), ("e", 3f) })
            aggregator.Add(Delta(id, 1, Vector("w", v)));

        Assert.Equal([3f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void TrimmedMean_BetaZero_PlainMean()
    {
        var aggregator = new TrimmedMeanStrategy(new TrimmedMeanOptions { Beta = 0 }).CreateAggregator(Round(Vector("w", 0)));
        aggregator.Add(Delta("a", 1, Vector("w", 1)));
        aggregator.Add(Delta("b", 9, Vector("w", 4)));

        Assert.Equal([2.5f], aggregator.Result().Parameters["w"].Data);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.1)]
    public void TrimmedMeanOptions_BetaOutOfRange_Throws(double beta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrimmedMeanStrategy(new TrimmedMeanOptions { Beta = beta }));

    [Fact]
    public void Robust_TensorsSpanningSeveralBlocks_MatchSortingReference()
    {
        // 5 clients × 40 000 coordinates: more than one 64 Ki-float scratch block per tensor.
        var random = new Random(5);
        const int clients = 5, length = 40_000;
        var global = Of(("a", [200, 200], new float[length]), ("b", [3], new float[3]));
        var median = new CoordinateMedianStrategy().CreateAggregator(Round(global));
        var trimmed = new TrimmedMeanStrategy(new TrimmedMeanOptions { Beta = 0.2 }).CreateAggregator(Round(global));
        var deltas = new List<float[]>();
        for (var c = 0; c < clients; c++)
        {
            var d = TestSets.Random(random, length);
            deltas.Add(d);
            var update = Of(("a", [200, 200], d), ("b", [3], [c, c, c]));
            median.Add(Delta($"c{c}", 1, update));
            trimmed.Add(Delta($"c{c}", 1, update));
        }

        var medianA = median.Result().Parameters["a"].Data;
        var trimmedA = trimmed.Result().Parameters["a"].Data;
        for (var i = 0; i < length; i++)
        {
            var sorted = deltas.Select(d => d[i]).Order().ToArray();
            Assert.Equal(sorted[2], medianA[i]);
            Assert.Equal((sorted[1] + (double)sorted[2] + sorted[3]) / 3, trimmedA[i], 1e-6);
        }
    }
}
