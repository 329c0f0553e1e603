using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Tests.Data.Transforms;

public sealed class FeatureNormalizationTests
{
    [Fact]
    public void Compute_PerFeature_ExactMeanAndPopulationStd()
    {
        // Tiny(4): features (0,0), (1,-1), (2,-2), (3,-3): means 1.5 / -1.5, std sqrt(1.25).
        var stats = FeatureNormalization.Compute(DatasetTestKit.Tiny(4), NormalizationMode.PerFeature);

        Assert.Equal([1.5f, -1.5f], stats.Mean);
        Assert.Equal(Math.Sqrt(1.25), stats.StdDev[0], 6);
        Assert.Equal(Math.Sqrt(1.25), stats.StdDev[1], 6);
    }

    [Fact]
    public void Compute_Global_PoolsAllFeatures()
    {
        var stats = FeatureNormalization.Compute(DatasetTestKit.Tiny(4), NormalizationMode.Global);

        Assert.Equal([0f], stats.Mean);
        Assert.Equal(Math.Sqrt((0 + 1 + 4 + 9) * 2 / 8.0), stats.StdDev[0], 6);
    }

    [Fact]
    public void Apply_View_GivesZeroMeanUnitStdPerChannelAndKeepsIdsAndLabels()
    {
        var raw = SyntheticImages.Generate(new SyntheticImageOptions { Channels = 2, Height = 6, Width = 6, TrainSamplesPerClass = 20 });
        var stats = FeatureNormalization.Compute(raw, NormalizationMode.PerChannel);

        var normalized = stats.Apply(raw);
        var again = FeatureNormalization.Compute(normalized, NormalizationMode.PerChannel);

        Assert.Equal(2, stats.Mean.Count);
        Assert.All(again.Mean, m => Assert.InRange(m, -1e-4f, 1e-4f));
        Assert.All(again.StdDev, s => Assert.InRange(s, 0.9999f, 1.0001f));
        Assert.Equal(raw.GetId(7), normalized.GetId(7));
        Assert.Equal(raw.GetLabel(7), normalized.GetLabel(7));
        Assert.Equal((raw.Features(3)[5] - stats.Mean[0]) / stats.StdDev[0], normalized.Features(3)[5], 5);
        // Gather and Features agree.
        var row = new float[raw.FeatureLength];
        normalized.Gather([3], row, new long[1]);
        Assert.Equal(normalized.Features(3).ToArray(), row);
    }

    [Fact]
    public void Apply_ConstantFeature_CentredNotDividedByZero()
    {
        var data = new DenseDataset("c", [5f, 1f, 5f, 3f], [0, 1], [0, 1], [2], 2);
        var normalized = FeatureNormalization.Compute(data, NormalizationMode.PerFeature).Apply(data);

        Assert.Equal([0f, -1f], normalized.Features(0).ToArray());
    }

    [Fact]
    public void FromStatistics_WrongCountOrShape_Rejected()
    {
        var stats = FeatureNormalization.FromStatistics([1, 28, 28], NormalizationMode.Global, [0.2860f], [0.3530f]);

        Assert.Throws<ArgumentException>(() => FeatureNormalization.FromStatistics([3, 4, 4], NormalizationMode.PerChannel, [0f], [1f]));
        Assert.Throws<ArgumentException>(() => stats.Apply(DatasetTestKit.Tiny(3)));
        Assert.Throws<ArgumentException>(() => FeatureNormalization.Compute(DatasetTestKit.Tiny(3).Subset([])));
    }
}
