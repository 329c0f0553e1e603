using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Partitioning;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Learning.Tests.Data.Partitioning;

public sealed class PartitionerTests
{
    // 10 classes × 600 = 6000 samples, features tiny: partitioners only look at labels.
    private static readonly DenseDataset Data = SyntheticTabular.Generate(
        new SyntheticTabularOptions { FeatureCount = 1, ClassCount = 10, TrainSamplesPerClass = 600 });

    public static TheoryData<string> Names => ["iid", "dirichlet-0.1", "dirichlet-100"];

    private static IPartitioner Create(string name) => name switch
    {
        "iid" => new IidPartitioner(),
        "dirichlet-0.1" => new DirichletPartitioner(0.1),
        _ => new DirichletPartitioner(100),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Partition_CoversEverySampleExactlyOnceAndKeepsIds(string name)
    {
        var parts = Create(name).Partition(Data, 7, seed: 1);

        var all = parts.SelectMany(p => p.SourceIndices.ToArray()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, Data.Count), all);
        foreach (var part in parts)
        {
            Assert.Same(Data, part.Source);
            for (var i = 0; i < part.Count; i++) Assert.Equal(Data.GetId(part.SourceIndices[i]), part.GetId(i));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Partition_SameSeedSameSplit_DifferentSeedDifferentSplit(string name)
    {
        var partitioner = Create(name);
        string Fingerprint(ulong seed) => string.Join("|", partitioner.Partition(Data, 5, seed).Select(p => string.Join(",", p.SourceIndices.ToArray())));

        Assert.Equal(Fingerprint(3), Fingerprint(3));
        Assert.NotEqual(Fingerprint(3), Fingerprint(4));
    }

    [Fact]
    public void Iid_ClientSizesEqualAndClassesBalanced()
    {
        var parts = new IidPartitioner().Partition(Data, 5, seed: 9);

        Assert.All(parts, p => Assert.Equal(1200, p.Count));
        // Expected 120 per class; binomial sd ≈ 10.4, so ±45 is over 4 sd.
        Assert.All(parts, p => Assert.All(p.LabelHistogram(), n => Assert.InRange(n, 75, 165)));
    }

    [Fact]
    public void Dirichlet_SmallAlphaSkewsLabelsFarMoreThanLargeAlpha()
    {
        var skewed = MeanTotalVariation(new DirichletPartitioner(0.1).Partition(Data, 10, seed: 2));
        var nearIid = MeanTotalVariation(new DirichletPartitioner(100).Partition(Data, 10, seed: 2));

        Assert.True(skewed > 0.5, $"α=0.1 skew {skewed}");
        Assert.True(nearIid < 0.1, $"α=100 skew {nearIid}");
    }

    [Fact]
    public void Dirichlet_EveryClientGetsTheMinimum()
    {
        var parts = new DirichletPartitioner(0.1, minSamplesPerClient: 50).Partition(Data, 20, seed: 5);

        Assert.All(parts, p => Assert.True(p.Count >= 50, $"{p.Name} has {p.Count}"));
    }

    [Fact]
    public void Dirichlet_UnreachableMinimum_ClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new DirichletPartitioner(0.01, minSamplesPerClient: 290, maxAttempts: 3).Partition(Data, 20, seed: 5));

        Assert.Contains("after 3 draws the smallest client", e.Message);
        Assert.Throws<ArgumentException>(() => new DirichletPartitioner(1, minSamplesPerClient: 700).Partition(Data, 10, seed: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DirichletPartitioner(0));
    }

    [Fact]
    public void ByClass_ClientsHoldOnlyTheirClassesAndSharedClassesSplitEvenly()
    {
        var partitioner = new ByClassPartitioner([[0, 1], [1, 2], [3]]);

        var parts = partitioner.Partition(Data, 3, seed: 0);

        Assert.Equal([600, 300, 0, 0, 0, 0, 0, 0, 0, 0], parts[0].LabelHistogram());
        Assert.Equal([0, 300, 600, 0, 0, 0, 0, 0, 0, 0], parts[1].LabelHistogram());
        Assert.Equal([0, 0, 0, 600, 0, 0, 0, 0, 0, 0], parts[2].LabelHistogram());
        Assert.Empty(parts[0].SourceIndices.ToArray().Intersect(parts[1].SourceIndices.ToArray()));
    }

    [Fact]
    public void ByClass_CyclicAssignsConsecutiveClasses()
    {
        var partitioner = ByClassPartitioner.Cyclic(clientCount: 6, classCount: 10, classesPerClient: 2);

        Assert.Equal([8, 9], partitioner.ClassesByClient[4]);
        Assert.Equal([0, 1], partitioner.ClassesByClient[5]);
        var parts = partitioner.Partition(Data, 6, seed: 0);
        Assert.Equal(300, parts[0].LabelHistogram()[0]); // class 0 shared by clients 0 and 5
    }

    [Fact]
    public void ByClass_BadAssignment_ClearErrors()
    {
        Assert.Contains("class 12", Assert.Throws<ArgumentException>(() => new ByClassPartitioner([[12]]).Partition(Data, 1, 0)).Message);
        Assert.Contains("2 clients", Assert.Throws<ArgumentException>(() => new ByClassPartitioner([[0], [1]]).Partition(Data, 3, 0)).Message);
        Assert.Throws<ArgumentException>(() => new IidPartitioner().Partition(Data.Subset([]), 2, 0));
    }

    /// <summary>Mean over clients of the total-variation distance between its label distribution and the global one.</summary>
    private static double MeanTotalVariation(IReadOnlyList<DatasetSubset> parts) =>
        parts.Average(p => p.LabelHistogram().Sum(n => Math.Abs((double)n / p.Count - 0.1)) / 2);
}
