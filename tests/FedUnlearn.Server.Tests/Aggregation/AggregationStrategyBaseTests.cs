using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class AggregationStrategyBaseTests
{
    private static readonly ClientInfo[] Ten = Enumerable.Range(0, 10).Select(i => new ClientInfo($"c{i}")).ToArray();

    [Fact]
    public void ConfigureTrain_FractionOfTen_SelectsDistinctClientsWithRoundConfig()
    {
        var strategy = new FedAvgStrategy(new StrategyOptions { FractionTrain = 0.3, TrainConfig = { ["epochs"] = "2" } });

        var selected = strategy.ConfigureTrain(Round(Vector("w", 0), round: 4), Ten);

        Assert.Equal(3, selected.Select(s => s.ClientId).Distinct().Count());
        Assert.All(selected, s => Assert.Equal("4", s.Config["round"]));
        Assert.All(selected, s => Assert.Equal("2", s.Config["epochs"]));
    }

    [Fact]
    public void ConfigureTrain_SameSeedAndRound_SameSelection()
    {
        var options = new StrategyOptions { FractionTrain = 0.5, Seed = 3 };
        IEnumerable<string> Pick(long round) =>
            new FedAvgStrategy(options).ConfigureTrain(Round(Vector("w", 0), round), Ten).Select(s => s.ClientId);

        Assert.Equal(Pick(1), Pick(1));
        Assert.NotEqual(Pick(1), Pick(2));
    }

    [Fact]
    public void ConfigureTrain_FewerThanMinimum_SelectsNone()
    {
        var strategy = new FedAvgStrategy(new StrategyOptions { MinTrainClients = 11 });

        Assert.Empty(strategy.ConfigureTrain(Round(Vector("w", 0)), Ten));
    }

    [Fact]
    public void ConfigureTrain_SmallFractionBelowMinimum_SelectsMinimum()
    {
        var strategy = new FedAvgStrategy(new StrategyOptions { FractionTrain = 0.01, MinTrainClients = 4 });

        Assert.Equal(4, strategy.ConfigureTrain(Round(Vector("w", 0)), Ten).Count);
    }

    [Fact]
    public void AggregateEvaluate_Reports_SampleWeightedMeansAndIgnoresBrokenOnes()
    {
        var strategy = new FedAvgStrategy();
        EvaluationResult[] results =
        [
            new("a", 1, 1.0) { Metrics = new Dictionary<string, double> { ["acc"] = 0.2 } },
            new("b", 3, 3.0) { Metrics = new Dictionary<string, double> { ["acc"] = 0.6 } },
            new("c", 0, 9.0),
            new("d", 5, double.NaN),
        ];

        var summary = strategy.AggregateEvaluate(Round(Vector("w", 0)), results);

        Assert.Equal(2, summary.Count);
        Assert.Equal(4, summary.TotalSamples);
        Assert.Equal(2.5, summary.Loss, 12);
        Assert.Equal(0.5, summary.Metrics["acc"], 12);
        Assert.Equal(2, summary.Ignored);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(1.5, 1)]
    [InlineData(0.5, 0)]
    public void Constructor_InvalidOptions_Throws(double fraction, int min) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new FedAvgStrategy(new StrategyOptions { FractionTrain = fraction, MinTrainClients = min }));
}
