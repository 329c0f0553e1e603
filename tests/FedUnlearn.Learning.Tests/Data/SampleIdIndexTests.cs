using FedUnlearn.Learning.Data;

namespace FedUnlearn.Learning.Tests.Data;

public sealed class SampleIdIndexTests
{
    private static readonly SampleIdIndex Index = SampleIdIndex.Build(DatasetTestKit.Tiny(20).Subset([19, 3, 8]));

    [Fact]
    public void Resolve_KnownIds_IndicesInSelectionOrder()
    {
        Assert.Equal([2, 0], Index.Resolve([108, 119]));
        Assert.True(Index.TryGetIndex(103, out var i));
        Assert.Equal(1, i);
        Assert.False(Index.Contains(104));
    }

    [Fact]
    public void Resolve_UnknownAndDuplicateIds_AllNamedAtOnce()
    {
        var e = Assert.Throws<SampleSelectionException>(() => Index.Resolve([103, 5, 103, 104, 103]));

        Assert.Equal([5L, 104], e.UnknownIds);
        Assert.Equal([103L], e.DuplicateIds);
        Assert.Contains("2 unknown sample id(s)", e.Message);
        Assert.Contains("5, 104", e.Message);
        Assert.Contains("selected more than once: 103", e.Message);
    }

    [Fact]
    public void Resolve_ManyUnknownIds_MessageListsFirstTenAndCount()
    {
        var e = Assert.Throws<SampleSelectionException>(() => Index.Resolve(Enumerable.Range(1000, 25).Select(i => (long)i)));

        Assert.Equal(25, e.UnknownIds.Count);
        Assert.Contains("1009, … (+15 more)", e.Message);
        Assert.DoesNotContain("1010", e.Message);
    }
}
