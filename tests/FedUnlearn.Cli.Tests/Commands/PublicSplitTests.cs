using FedUnlearn.Cli.Commands;
using FedUnlearn.Cli.Common;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class PublicSplitTests
{
    private static readonly IDataset Train = SyntheticImages.Generate(
        new SyntheticImageOptions { ClassCount = 4, Height = 4, Width = 4, TrainSamplesPerClass = 50, Seed = 1 }, DatasetSplit.Train);

    [Fact]
    public void Ids_Fraction_SameShareOfEveryClass()
    {
        var ids = PublicSplit.Ids(Train, 0.1, seed: 7);

        Assert.Equal(20, ids.Count);
        var perClass = Enumerable.Range(0, Train.Count).Where(i => ids.Contains(Train.GetId(i))).GroupBy(i => Train.GetLabel(i)).Select(g => g.Count());
        Assert.Equal([5, 5, 5, 5], perClass);
    }

    [Fact]
    public void Ids_SameSeed_SameSplitOtherSeed_OtherSplit()
    {
        Assert.Equal(PublicSplit.Ids(Train, 0.2, 7).Order(), PublicSplit.Ids(Train, 0.2, 7).Order());
        Assert.NotEqual(PublicSplit.Ids(Train, 0.2, 7).Order(), PublicSplit.Ids(Train, 0.2, 8).Order());
    }

    [Fact]
    public void PublicAndRest_PartitionTheTrainingSet()
    {
        var pub = PublicSplit.Public(Train, 0.3, 3).GetIds();
        var rest = PublicSplit.Rest(Train, 0.3, 3).GetIds();

        Assert.Empty(pub.Intersect(rest));
        Assert.Equal(Train.GetIds().Order(), pub.Concat(rest).Order());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Ids_FractionOutsideOpenUnitInterval_ClearError(double fraction)
    {
        var error = Assert.Throws<CliException>(() => PublicSplit.Ids(Train, fraction, 1));

        Assert.Contains("--public-fraction must be between 0 and 1", error.Message, StringComparison.Ordinal);
    }
}
