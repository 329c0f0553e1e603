using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class FedAvgStrategyTests
{
    [Fact]
    public void Result_CountsOneAndThree_WeightsBySampleCount()
    {
        var global = Vector("w", 10, 20);
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(global));

        Assert.True(aggregator.Add(Delta("a", 1, Vector("w", 4, -8))).IsValid);
        Assert.True(aggregator.Add(Delta("b", 3, Vector("w", 8, 4))).IsValid);
        var result = aggregator.Result();

        // (1·4 + 3·8) / 4 = 7 and (1·(-8) + 3·4) / 4 = 1.
        Assert.Equal([17f, 21f], result.Parameters["w"].Data);
        Assert.Equal(2, result.Summary.Accepted);
        Assert.Equal(4, result.Summary.TotalWeight);
        Assert.Equal(["a", "b"], result.Summary.Contributors);
        Assert.Equal([10f, 20f], global["w"].Data);
    }

    [Fact]
    public void Result_AdapterAndDeltaUpdates_AverageTheSameWay()
    {
        var global = Vector("w", 1, 1);
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(global));

        aggregator.Add(Adapter("a", 1, Vector("w", 3, 5)));   // delta [2, 4]
        aggregator.Add(Delta("b", 1, Vector("w", 4, 0)));     // delta [4, 0]

        Assert.Equal([4f, 3f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Result_ManyRandomClients_MatchesDoublePrecisionReference()
    {
        var random = new Random(7);
        var global = Vector("w", TestSets.Random(random, 1000));
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(global));
        var expected = new double[1000];
        long total = 0;
        for (var c = 0; c < 9; c++)
        {
            var delta = TestSets.Random(random, 1000, 0.01f);
            var n = random.Next(1, 500);
            aggregator.Add(Delta($"c{c}", n, Vector("w", delta)));
            for (var i = 0; i < 1000; i++) expected[i] += (double)n * delta[i];
            total += n;
        }
        var actual = aggregator.Result().Parameters["w"].Data;
        for (var i = 0; i < 1000; i++)
            Assert.Equal(global["w"].Data[i] + expected[i] / total, actual[i], 1e-6);
    }

    [Fact]
    public void Result_NoUpdate_ReturnsUnchangedCopy()
    {
        var global = Vector("w", 1, 2);
        var result = new FedAvgStrategy().CreateAggregator(Round(global)).Result();

        Assert.False(result.HasUpdates);
        Assert.Equal([1f, 2f], result.Parameters["w"].Data);
        Assert.NotSame(global["w"].Data, result.Parameters["w"].Data);
    }

    [Fact]
    public void Add_SameClientTwice_SecondRejectedAndNotCounted()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0)));
        aggregator.Add(Delta("a", 1, Vector("w", 2)));

        var second = aggregator.Add(Delta("a", 1, Vector("w", 100)));
        var result = aggregator.Result();

        Assert.Equal("client 'a' already contributed to round 1", second.Reason);
        Assert.Equal([2f], result.Parameters["w"].Data);
        Assert.Equal(new RejectedUpdate("a", second.Reason!), Assert.Single(result.Summary.Rejected));
    }

    [Fact]
    public void Add_NonFiniteUpdate_RejectedAndSumUntouched()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0, 0)));
        aggregator.Add(Delta("good", 1, Vector("w", 2, 2)));

        var verdict = aggregator.Add(Delta("bad", 1, Vector("w", float.NaN, 1)));

        Assert.False(verdict.IsValid);
        Assert.Equal([2f, 2f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Add_NaNInLastTensorAfterOthersFolded_SumBitForBitUntouched()
    {
        // 1/3 is inexact in float: a fold-then-undo would leave rounding residue in 'a'.
        var global = Of(("a", [3], [0f, 0f, 0f]), ("b", [33], new float[33]));
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(global));
        aggregator.Add(Delta("good", 3, Of(("a", [3], [1f / 3, 0.1f, 7f]), ("b", [33], new float[33]))));
        var poisoned = new float[33];
        poisoned[32] = float.NaN;

        var verdict = aggregator.Add(Delta("bad", 5, Of(("a", [3], [1e7f, 0.7f, 1f / 3]), ("b", [33], poisoned))));

        Assert.Equal("tensor 'b' has 1 non-finite value (first at index 32)", verdict.Reason);
        Assert.Equal([1f / 3, 0.1f, 7f], aggregator.Result().Parameters["a"].Data);
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(7, float.PositiveInfinity)]
    [InlineData(31, float.NegativeInfinity)]
    [InlineData(64, float.NaN)]
    public void Add_NonFiniteInVectorLanesOrTail_Rejected(int index, float bad)
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", new float[65])));
        var values = Enumerable.Range(0, 65).Select(i => (float)i).ToArray();
        values[index] = bad;

        var adapterVerdict = aggregator.Add(Adapter("a", 1, Vector("w", values)));
        var deltaVerdict = aggregator.Add(Delta("d", 1, Vector("w", values)));

        Assert.Equal($"tensor 'w' has 1 non-finite value (first at index {index})", adapterVerdict.Reason);
        Assert.Equal(adapterVerdict, deltaVerdict);
        Assert.False(aggregator.Result().HasUpdates);
    }

    [Fact]
    public void Add_FiniteValuesOverflowingTheSum_Rejected()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0)));
        aggregator.Add(Delta("a", 1, Vector("w", 3e38f)));

        var verdict = aggregator.Add(Delta("b", 2, Vector("w", 3e38f)));

        Assert.Equal("adding tensor 'w' would overflow the float32 running sum", verdict.Reason);
        Assert.Equal([3e38f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Add_AfterResult_Throws()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0)));
        aggregator.Result();

        Assert.Throws<InvalidOperationException>(() => aggregator.Add(Delta("a", 1, Vector("w", 1))));
        Assert.Throws<InvalidOperationException>(() => aggregator.Result());
    }

    [Fact]
    public void Result_ClientMetricsAndFailures_WeightedMeansAndListedFailures()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0)));
        aggregator.Add(Delta("a", 1, Vector("w", 0)) with { Metrics = new Dictionary<string, double> { ["loss"] = 2 } });
        aggregator.Add(Delta("b", 3, Vector("w", 0)) with { Metrics = new Dictionary<string, double> { ["loss"] = 6, ["acc"] = 0.5 } });
        aggregator.ReportFailure("c", "out of memory");

        var summary = aggregator.Result().Summary;

        Assert.Equal(5.0, summary.Metrics["loss"]);
        Assert.Equal(0.5, summary.Metrics["acc"]);
        Assert.Equal(new RejectedUpdate("c", "out of memory"), Assert.Single(summary.Failures));
    }

    [Fact]
    public async Task Add_ConcurrentClients_AllCounted()
    {
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(Vector("w", 0)));

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => aggregator.Add(Delta($"c{i}", 1, Vector("w", i))))));

        var result = aggregator.Result();
        Assert.Equal(64, result.Summary.Accepted);
        Assert.Equal(31.5f, result.Parameters["w"].Data[0]);
    }
}
