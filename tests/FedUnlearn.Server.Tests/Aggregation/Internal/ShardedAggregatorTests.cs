using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Aggregation.Internal;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation.Internal;

public sealed class ShardedAggregatorTests
{
    private static readonly ParameterSet Initial = Vector("w", 0, 0);

    private static ShardedAggregator Create(IReadOnlyList<ShardSlot> slots, Dictionary<string, int> shardOf) =>
        new(Round(Initial), slots, shardOf, Initial, new FedAvgStrategy().CreateAggregator);

    [Fact]
    public void Result_FoldsEachUpdateIntoItsOwnShardOnly_CombinesBySamples()
    {
        // Shard 0 starts at (1, 1) with 4 samples behind it, shard 1 at (10, 10), shard 2 is untouched.
        ShardSlot[] slots =
        [
            new(0, 1, 4, 5, Vector("w", 1, 1)),
            new(1, 2, 8, 6, Vector("w", 10, 10)),
            new(2, 3, 4, 7, Vector("w", 2, 4)),
        ];
        var aggregator = Create(slots, new() { ["a"] = 0, ["b"] = 0, ["c"] = 1 });

        Assert.True(aggregator.Add(Delta("a", 1, Vector("w", 4, 0))).IsValid);
        Assert.True(aggregator.Add(Delta("b", 3, Vector("w", 0, 4))).IsValid);
        Assert.True(aggregator.Add(Delta("c", 4, Vector("w", -2, 2))).IsValid);
        AggregationResult result = aggregator.Result();

        // Shard 0: (1,1) + (1·(4,0) + 3·(0,4))/4 = (2, 4), weight 4; shard 1: (8, 12), weight 4; shard 2 kept, weight 4.
        Assert.Equal([(0, 2, 4L), (1, 3, 4L)], aggregator.Commits.Select(c => (c.Shard, c.Step, c.Samples)));
        Assert.Equal([2f, 4f], aggregator.Commits[0].Adapter["w"].Data);
        Assert.Equal([8f, 12f], aggregator.Commits[1].Adapter["w"].Data);
        Assert.Equal([(2f + 8 + 2) / 3, (4f + 12 + 4) / 3], result.Parameters["w"].Data);
        Assert.Equal((3, 8L), (result.Summary.Accepted, result.Summary.TotalWeight));
        Assert.Equal(["a", "b", "c"], result.Summary.Contributors);
    }

    [Fact]
    public void Add_ClientWithoutShard_RejectedAndListed()
    {
        var aggregator = Create([new(0, 0, 0, 1, Initial), new(1, 0, 0, 2, Initial)], new() { ["a"] = 1 });

        ValidationResult verdict = aggregator.Add(Delta("stranger", 1, Vector("w", 1, 1)));
        AggregationResult result = aggregator.Result();

        Assert.False(verdict.IsValid);
        Assert.Equal("stranger", Assert.Single(result.Summary.Rejected).ClientId);
        Assert.Empty(aggregator.Commits);
        Assert.Equal([0f, 0f], result.Parameters["w"].Data);
    }

    [Fact]
    public void Add_DuplicateFromOneClient_RejectedByItsShard()
    {
        var aggregator = Create([new(0, 0, 0, 1, Initial), new(1, 0, 0, 2, Initial)], new() { ["a"] = 1 });

        Assert.True(aggregator.Add(Delta("a", 2, Vector("w", 1, 1))).IsValid);
        Assert.False(aggregator.Add(Delta("a", 2, Vector("w", 1, 1))).IsValid);

        Assert.Equal(1, aggregator.AcceptedCount);
    }

    [Fact]
    public void Combine_LeavesEmptyShardsOut_AllEmptyGivesTheInitialAdapter()
    {
        ParameterSet initial = Vector("w", 7, 7);
        ShardSlot[] slots = [new(0, 0, 0, 1, Vector("w", 100, 100)), new(1, 1, 3, 2, Vector("w", 1, 2)), new(2, 1, 1, 3, Vector("w", 5, 6))];

        Assert.Equal([2f, 3f], ShardCombiner.Combine(slots, initial)["w"].Data);
        Assert.Equal([7f, 7f], ShardCombiner.Combine([slots[0]], initial)["w"].Data);
    }
}
