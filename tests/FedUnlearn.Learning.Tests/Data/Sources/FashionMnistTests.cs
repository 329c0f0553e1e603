using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Tests.Data.Sources;

/// <summary>Checks against the real files from Debian's dataset-fashion-mnist, when installed.</summary>
public sealed class FashionMnistTests
{
    [Fact]
    public async Task LoadAsync_RealFiles_MatchPublishedCountsAndLabels()
    {
        if (!FashionMnist.IsAvailable(DatasetSplit.Train) || !FashionMnist.IsAvailable(DatasetSplit.Test))
            return; // Not installed on this machine: the IDX format tests above still run.

        var train = await FashionMnist.LoadAsync(DatasetSplit.Train);
        var test = await FashionMnist.LoadAsync(DatasetSplit.Test);

        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.LabelHistogram());
        Assert.Equal(Enumerable.Repeat(1000, 10), test.LabelHistogram());
        // Published first labels: train 9 0 0 3 0 2 7 2 5 5, test 9 2 1 1 6 1 4 6 5 7.
        Assert.Equal([9L, 0, 0, 3, 0, 2, 7, 2, 5, 5], train.Labels[..10].ToArray());
        Assert.Equal([9L, 2, 1, 1, 6, 1, 4, 6, 5, 7], test.Labels[..10].ToArray());
        Assert.Equal(0L, train.GetId(0));
        Assert.Equal(59_999L, train.GetId(59_999));
        Assert.Equal(DatasetIds.TestIdOffset, test.GetId(0));
        Assert.Equal("Ankle boot", train.ClassNames![9]);
        // The train split's global mean and std are the 0.2860 / 0.3530 every Fashion-MNIST normaliser uses.
        var stats = FeatureNormalization.Compute(train, NormalizationMode.Global);
        Assert.Equal(FashionMnist.StandardNormalization.Mean[0], stats.Mean[0], 4);
        Assert.Equal(FashionMnist.StandardNormalization.StdDev[0], stats.StdDev[0], 4);
    }
}
