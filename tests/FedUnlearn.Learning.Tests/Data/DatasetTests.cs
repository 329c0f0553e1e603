using FedUnlearn.Learning.Data;

namespace FedUnlearn.Learning.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void DenseDataset_LabelOutOfRange_NamesSampleAndId()
    {
        var e = Assert.Throws<ArgumentException>(() => new DenseDataset("d", new float[3], [0, 3, 1], [7, 8, 9], [1], 3));

        Assert.Contains("sample 1 (id 8) has label 3", e.Message);
    }

    [Fact]
    public void DenseDataset_DuplicateIdOrSizeMismatch_Rejected()
    {
        Assert.Contains("id 7", Assert.Throws<ArgumentException>(() => new DenseDataset("d", new float[2], [0, 0], [7, 7], [1], 1)).Message);
        Assert.Throws<ArgumentException>(() => new DenseDataset("d", new float[3], [0, 0], [1, 2], [1], 1));
        Assert.Throws<ArgumentException>(() => new DenseDataset("d", new float[2], [0, 0], [1, 2], [1], 1, ["a", "b"]));
    }

    [Fact]
    public void Subset_OfSubset_PointsAtSourceAndKeepsIds()
    {
        var data = DatasetTestKit.Tiny(10);

        var inner = data.Subset([9, 2, 5, 7]);
        var outer = inner.Subset([3, 1]);

        Assert.Same(data, outer.Source);
        Assert.Equal([7, 2], outer.SourceIndices.ToArray());
        Assert.Equal([107L, 102], outer.GetIds());
        Assert.Equal(data.Features(7).ToArray(), outer.Features(0).ToArray());
        var features = new float[4];
        var labels = new long[2];
        outer.Gather([1, 0], features, labels);
        Assert.Equal([2f, -2f, 7f, -7f], features);
        Assert.Equal([2L, 1], labels);
    }

    [Fact]
    public void Subset_RepeatedOrOutOfRangeIndex_Rejected()
    {
        var data = DatasetTestKit.Tiny(5);

        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => data.Subset([1, 1])).Message);
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => data.Subset([5])).Message);
    }

    [Fact]
    public void Gather_SmallBuffer_Rejected()
    {
        var data = DatasetTestKit.Tiny(5);

        Assert.Throws<ArgumentException>(() => data.Gather([0, 1], new float[3], new long[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Gather([9], new float[2], new long[1]));
    }

    [Fact]
    public void SelectIdsAndExceptIds_SplitForgetAndRetain()
    {
        var data = DatasetTestKit.Tiny(6);

        var forget = data.SelectIds([104, 101]);
        var retain = data.ExceptIds([104, 101]);

        Assert.Equal([104L, 101], forget.GetIds());
        Assert.Equal([100L, 102, 103, 105], retain.GetIds());
    }

    [Fact]
    public void Materialize_View_CopiesIdsLabelsAndFeatures()
    {
        var data = DatasetTestKit.Tiny(6);
        var view = data.Subset([5, 0, 3]);

        var copy = view.Materialize();

        Assert.Equal(DatasetTestKit.Hash(view), DatasetTestKit.Hash(copy));
        Assert.Equal([105L, 100, 103], copy.Ids.ToArray());
    }
}
