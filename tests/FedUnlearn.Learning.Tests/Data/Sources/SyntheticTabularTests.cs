using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Tests.Data.Sources;

public sealed class SyntheticTabularTests
{
    [Fact]
    public void Generate_SameSeedSameBytes_DifferentSeedDifferentBytes()
    {
        var options = new SyntheticTabularOptions();

        Assert.Equal(DatasetTestKit.Hash(SyntheticTabular.Generate(options)), DatasetTestKit.Hash(SyntheticTabular.Generate(options)));
        Assert.NotEqual(DatasetTestKit.Hash(SyntheticTabular.Generate(options)), DatasetTestKit.Hash(SyntheticTabular.Generate(options with { Seed = 7 })));
    }

    [Fact]
    public void Generate_NoiseHasUnitVarianceAroundCentres()
    {
        // With zero separation every centre is 0, so features are pure noise: mean 0, variance 1.
        var data = SyntheticTabular.Generate(new SyntheticTabularOptions { Separation = 0, TrainSamplesPerClass = 2000 });
        var values = data.AllFeatures.ToArray();
        var mean = values.Average(v => (double)v);
        var variance = values.Average(v => (v - mean) * (v - mean));

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void Generate_ClustersSeparable_NearestClassMeanAbove90Percent()
    {
        var options = new SyntheticTabularOptions { FeatureCount = 10, ClassCount = 5 };

        var accuracy = DatasetTestKit.NearestClassMeanAccuracy(SyntheticTabular.Generate(options), SyntheticTabular.Generate(options, DatasetSplit.Test));

        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.Equal([10], SyntheticTabular.Generate(options).FeatureShape);
    }
}
