using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Aggregation.NormBound;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class NormBoundStrategyTests
{
    [Fact]
    public void Clip_DeltaAboveBound_ScaledToBoundExactly()
    {
        var strategy = new FedAvgStrategy().WithNormBound(5);
        var aggregator = strategy.CreateAggregator(Round(Of(("a", [1], [1f]), ("b", [1], [1f]))));

        // Norm over both tensors: √(6² + 8²) = 10, clipped by 1/2 to 5.
        Assert.True(aggregator.Add(Delta("x", 1, Of(("a", [1], [6f]), ("b", [1], [8f])))).IsValid);
        var result = aggregator.Result();

        Assert.Equal([4f], result.Parameters["a"].Data);
        Assert.Equal([5f], result.Parameters["b"].Data);
        Assert.Equal(1, result.Summary.Clipped);
        Assert.Equal("fedavg+norm-clip", strategy.Name);
    }

    [Fact]
    public void Clip_AdapterUpdate_ClipsItsDistanceToGlobal()
    {
        var aggregator = new FedAvgStrategy().WithNormBound(5).CreateAggregator(Round(Vector("w", 1, 1)));

        aggregator.Add(Adapter("x", 1, Vector("w", 7, 9)));

        Assert.Equal([4f, 5f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Clip_DeltaWithinBound_Unchanged()
    {
        var aggregator = new FedAvgStrategy().WithNormBound(5).CreateAggregator(Round(Vector("w", 0, 0)));

        aggregator.Add(Delta("x", 1, Vector("w", 3, 4)));
        var result = aggregator.Result();

        Assert.Equal([3f, 4f], result.Parameters["w"].Data);
        Assert.Equal(0, result.Summary.Clipped);
    }

    [Fact]
    public void Reject_DeltaAboveBound_RejectedWithNorm()
    {
        var aggregator = new FedAvgStrategy().WithNormBound(5, NormBoundMode.Reject).CreateAggregator(Round(Vector("w", 0, 0)));
        aggregator.Add(Delta("ok", 1, Vector("w", 1, 1)));

        var verdict = aggregator.Add(Delta("big", 1, Vector("w", 6, 8)));
        var result = aggregator.Result();

        Assert.Equal("delta L2 norm 10 exceeds the bound 5", verdict.Reason);
        Assert.Equal([1f, 1f], result.Parameters["w"].Data);
        Assert.Equal("big", Assert.Single(result.Summary.Rejected).ClientId);
    }

    [Fact]
    public void Clip_AboveHardBound_Rejected()
    {
        var options = new NormBoundOptions { Bound = 1, RejectAbove = 9 };
        var aggregator = new FedAvgStrategy().WithNormBound(options).CreateAggregator(Round(Vector("w", 0, 0)));

        Assert.False(aggregator.Add(Delta("big", 1, Vector("w", 6, 8))).IsValid);
        Assert.True(aggregator.Add(Delta("mid", 1, Vector("w", 0, 2))).IsValid);
        Assert.Equal([0f, 1f], aggregator.Result().Parameters["w"].Data);
    }

    [Fact]
    public void Add_MalformedUpdate_WrappedStrategyGivesPreciseReason()
    {
        var aggregator = new FedAvgStrategy().WithNormBound(5).CreateAggregator(Round(Vector("w", 0, 0)));

        var verdict = aggregator.Add(Delta("x", 1, Vector("w", float.PositiveInfinity, 0)));

        Assert.Equal("tensor 'w' has 1 non-finite value (first at index 0)", verdict.Reason);
    }

    [Fact]
    public void Options_HardBoundBelowClipBound_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new FedAvgStrategy().WithNormBound(new NormBoundOptions { Bound = 5, RejectAbove = 4 }));
}
