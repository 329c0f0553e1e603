using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Aggregation.Internal;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation.Internal;

public class WeightedSumAggregatorTests
{
    private const int Every = WeightedSumAggregator.CheckpointEvery;

    // Positions in the stream of updates where a bad one arrives: plain folds, the checkpointing
    // fold, right after a rejected checkpointing fold, several in a row, and the very first.
    public static TheoryData<int[]> BadPositions => new()
    {
        new[] { 0 },
        new[] { 1 },
        new[] { Every - 2 },
        new[] { Every - 1 },
        new[] { Every },
        new[] { 2 * Every + 1 },
        new[] { Every - 1, Every },
        new[] { 1, 2, 3, 4, 5, 6, 7, 8 },
        new[] { 0, Every - 1, 2 * Every - 1, 3 * Every - 1 },
    };

    [Theory]
    [MemberData(nameof(BadPositions))]
    public void Add_NonFiniteUpdatesAnywhereInTheCheckpointCycle_ResultBitIdenticalToNeverSeeingThem(int[] badAt)
    {
        var (global, good) = Stream(seed: 11, count: 3 * Every + 2);
        var clean = Aggregate(global, good, []);
        var poisoned = Aggregate(global, good, badAt, (i, set) => Poison(set, float.NaN));

        Assert.Equal(badAt.Length, poisoned.Rollbacks);
        AssertBitIdentical(clean.Result, poisoned.Result);
        Assert.Equal(good.Count, poisoned.Result.Summary.Accepted);
        Assert.Equal(badAt.Length, poisoned.Result.Summary.Rejected.Count);
    }

    [Theory]
    [MemberData(nameof(BadPositions))]
    public void Add_FiniteUpdatesOverflowingTheSum_RolledBackBitForBit(int[] badAt)
    {
        var (global, good) = Stream(seed: 12, count: 3 * Every + 2);
        var clean = Aggregate(global, good, []);
        // Finite everywhere, but 2e38 · weight overflows float32 in the last tensor only.
        var poisoned = Aggregate(global, good, badAt, (i, set) => Poison(set, 2e38f));

        Assert.Equal(badAt.Length, poisoned.Rollbacks);
        AssertBitIdentical(clean.Result, poisoned.Result);
        Assert.All(poisoned.Result.Summary.Rejected,
            r => Assert.Equal("adding tensor 'z' would overflow the float32 running sum", r.Reason));
    }

    [Fact]
    public void Add_AdapterUpdatesWithARejectionAfterHeldOnes_ReplayMatchesCleanRun()
    {
        var (global, good) = Stream(seed: 13, count: 2 * Every);
        var adapters = good.Select(set => Of([.. set.Select(t => (t.Name, t.Shape,
            t.Data.Zip(global[t.Name].Data, (d, g) => g + d).ToArray()))])).ToList();
        var clean = Aggregate(global, adapters, [], kind: UpdateKind.Adapter);
        var poisoned = Aggregate(global, adapters, [Every + 1], (i, set) => Poison(set, float.PositiveInfinity), UpdateKind.Adapter);

        Assert.Equal(1, poisoned.Rollbacks);
        AssertBitIdentical(clean.Result, poisoned.Result);
    }

    [Fact]
    public void Result_InPlaceFolds_EqualSeparatelyRoundedScalarReference()
    {
        var (global, good) = Stream(seed: 14, count: 2 * Every + 1);
        var result = Aggregate(global, good, []).Result;

        foreach (var g in global)
        {
            var sum = new float[g.Data.Length];
            long total = 0;
            for (var c = 0; c < good.Count; c++)
            {
                float w = Weight(c);
                total += Weight(c);
                for (var j = 0; j < sum.Length; j++)
                {
                    var product = good[c][g.Name].Data[j] * w;
                    sum[j] += product;
                }
            }
            var expected = sum.Select((s, j) => s / total + g.Data[j]).ToArray();
            Assert.Equal(expected, result.Parameters[g.Name].Data);
        }
    }

    private static long Weight(int client) => 1 + client * 37 % 101;

    private static (ParameterSet Global, List<ParameterSet> Updates) Stream(int seed, int count)
    {
        var random = new Random(seed);
        // Sizes cover whole vectors and scalar tails; the poisoned value goes in the last tensor,
        // so every earlier tensor has already been folded when the fold notices.
        (string Name, int Length)[] layout = [("a", 37), ("b", 64), ("z", 19)];
        ParameterSet Make(float scale) => Of([.. layout.Select(t => (t.Name, new[] { t.Length }, TestSets.Random(random, t.Length, scale)))]);
        var global = Make(1f);
        return (global, Enumerable.Range(0, count).Select(_ => Make(0.3f)).ToList());
    }

    private static ParameterSet Poison(ParameterSet set, float value)
    {
        var copy = set.Clone();
        copy["z"].Data[^1] = value;
        return copy;
    }

    private static (AggregationResult Result, int Rollbacks) Aggregate(ParameterSet global, List<ParameterSet> good, int[] badAt,
        Func<int, ParameterSet, ParameterSet>? makeBad = null, UpdateKind kind = UpdateKind.Delta)
    {
        var aggregator = (WeightedSumAggregator)new FedAvgStrategy().CreateAggregator(Round(global));
        var next = 0;
        for (var position = 0; next < good.Count; position++)
        {
            if (badAt.Contains(position))
            {
                var bad = makeBad!(position, good[next]);
                Assert.False(aggregator.Add(new ClientUpdate($"bad{position}", 1000 + position, bad, kind)).IsValid);
                continue;
            }
            Assert.True(aggregator.Add(new ClientUpdate($"c{next}", Weight(next), good[next], kind)).IsValid);
            next++;
        }
        return (aggregator.Result(), aggregator.Rollbacks);
    }

    private static void AssertBitIdentical(AggregationResult expected, AggregationResult actual)
    {
        foreach (var t in expected.Parameters)
            Assert.Equal(t.Data.Select(BitConverter.SingleToInt32Bits), actual.Parameters[t.Name].Data.Select(BitConverter.SingleToInt32Bits));
    }
}
