using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Tests.Data.Sources;

public sealed class SyntheticImagesTests
{
    private static readonly SyntheticImageOptions Small = new() { TrainSamplesPerClass = 60, TestSamplesPerClass = 30 };

    [Fact]
    public void Generate_SameSeed_IdenticalBytes()
    {
        Assert.Equal(DatasetTestKit.Hash(SyntheticImages.Generate(Small)), DatasetTestKit.Hash(SyntheticImages.Generate(Small)));
    }

    [Fact]
    public void Generate_DifferentSeedOrSplit_DifferentBytes()
    {
        var reference = DatasetTestKit.Hash(SyntheticImages.Generate(Small));

        Assert.NotEqual(reference, DatasetTestKit.Hash(SyntheticImages.Generate(Small with { Seed = 43 })));
        // The test split draws fresh samples (not a copy of the train ones) from the same prototypes.
        var train = SyntheticImages.Generate(Small);
        var test = SyntheticImages.Generate(Small, DatasetSplit.Test);
        Assert.False(train.Features(0).SequenceEqual(test.Features(0)));
    }

    [Fact]
    public void Generate_Seed42_MatchesPinnedHash()
    {
        // Pins the generator's output across machines and .NET versions: a change here changes every
        // experiment seeded with 42, so it must be deliberate (update the constant and say why).
        var data = SyntheticImages.Generate(new SyntheticImageOptions { TrainSamplesPerClass = 5, Height = 8, Width = 8 });

        Assert.Equal(PinnedHash, DatasetTestKit.Hash(data));
    }

    private const string PinnedHash = "6F8FD6D638CEC6E8270FA64B5AED3006F428BDA3FE27C0FB219791044111D141";

    [Fact]
    public void Generate_ShapesLabelsIdsAndRange()
    {
        var train = SyntheticImages.Generate(Small with { Channels = 3, Height = 16, Width = 12 });
        var test = SyntheticImages.Generate(Small, DatasetSplit.Test);

        Assert.Equal([3, 16, 12], train.FeatureShape);
        Assert.Equal(600, train.Count);
        Assert.Equal(Enumerable.Repeat(60, 10), train.LabelHistogram());
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), train.Ids.ToArray());
        Assert.Equal(DatasetIds.TestIdOffset + 299, test.GetId(299));
        Assert.All(train.AllFeatures.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Generate_ClassesSeparable_NearestClassMeanAbove90Percent()
    {
        var train = SyntheticImages.Generate(Small);
        var test = SyntheticImages.Generate(Small, DatasetSplit.Test);

        Assert.True(DatasetTestKit.NearestClassMeanAccuracy(train, test) > 0.9);
    }

    [Fact]
    public void Generate_InvalidOptions_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticImages.Generate(Small with { ClassCount = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticImages.Generate(Small with { NoiseStdDev = float.NaN }));
    }
}
