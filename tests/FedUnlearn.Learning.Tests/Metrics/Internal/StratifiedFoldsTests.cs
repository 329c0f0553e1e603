using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Tests.Metrics.Internal;

public class StratifiedFoldsTests
{
    [Fact]
    public void Assign_23Samples5Folds_SizesDifferByAtMostOne()
    {
        var random = new SplitMix64(7);

        var fold = StratifiedFolds.Assign(23, 5, ref random);

        var sizes = Enumerable.Range(0, 5).Select(k => fold.Count(f => f == k)).ToArray();
        Assert.Equal([5, 5, 5, 4, 4], sizes);
    }

    [Fact]
    public void Assign_TwoClassesOfEqualCount_EveryFoldBalanced()
    {
        var random = new SplitMix64(3);

        var members = StratifiedFolds.Assign(37, 5, ref random);
        var nonMembers = StratifiedFolds.Assign(37, 5, ref random);

        for (var k = 0; k < 5; k++)
            Assert.Equal(members.Count(f => f == k), nonMembers.Count(f => f == k));
        Assert.NotEqual(members, nonMembers);
    }

    [Fact]
    public void Subsample_SameSeed_SameSortedDistinctIndices()
    {
        var a = new SplitMix64(11);
        var b = new SplitMix64(11);
        var c = new SplitMix64(12);

        var first = StratifiedFolds.Subsample(100, 10, ref a);
        var again = StratifiedFolds.Subsample(100, 10, ref b);
        var other = StratifiedFolds.Subsample(100, 10, ref c);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(10, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.All(first, i => Assert.InRange(i, 0, 99));
    }

    [Fact]
    public void Subsample_ManyDraws_EveryIndexPickedAboutEqually()
    {
        var random = new SplitMix64(5);
        var hits = new int[20];

        for (var draw = 0; draw < 4000; draw++)
            foreach (var i in StratifiedFolds.Subsample(20, 5, ref random)) hits[i]++;

        // Each index is expected 4000·5/20 = 1000 times; binomial sd ≈ 27.
        Assert.All(hits, h => Assert.InRange(h, 880, 1120));
    }
}
