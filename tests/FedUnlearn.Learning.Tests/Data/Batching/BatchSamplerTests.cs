using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;

namespace FedUnlearn.Learning.Tests.Data.Batching;

public sealed class BatchSamplerTests
{
    private static readonly DenseDataset Data = DatasetTestKit.Tiny(103);

    private static int[][] Batches(BatchSampler sampler, int epoch) => sampler.PlanEpoch(epoch).Batches().ToArray();

    private static string Text(int[][] batches) => string.Join("|", batches.Select(b => string.Join(",", b)));

    [Fact]
    public void PlanEpoch_SameSeedAndEpochSameBatches_OtherEpochOrSeedDiffers()
    {
        var options = new BatchSamplerOptions { BatchSize = 10, Seed = 5 };
        var a = new BatchSampler(Data, options);
        var b = new BatchSampler(Data, options);

        Assert.Equal(Text(Batches(a, 3)), Text(Batches(b, 3)));
        Assert.NotEqual(Text(Batches(a, 3)), Text(Batches(a, 4)));
        Assert.NotEqual(Text(Batches(a, 3)), Text(Batches(new BatchSampler(Data, options with { Seed = 6 }), 3)));
    }

    [Fact]
    public void PlanEpoch_EverySampleOncePerEpoch_LastBatchPartial()
    {
        var batches = Batches(new BatchSampler(Data, new BatchSamplerOptions { BatchSize = 10 }), 0);

        Assert.Equal(11, batches.Length);
        Assert.All(batches[..10], b => Assert.Equal(10, b.Length));
        Assert.Equal(3, batches[10].Length);
        Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void PlanEpoch_DropLast_OnlyFullBatches()
    {
        var plan = new BatchSampler(Data, new BatchSamplerOptions { BatchSize = 10, DropLast = true }).PlanEpoch(0);

        Assert.Equal(10, plan.BatchCount);
        Assert.Equal(100, plan.SampleCount);
        Assert.All(plan.Batches(), b => Assert.Equal(10, b.Length));
    }

    [Fact]
    public void PlanEpoch_NoShuffle_IndexOrder()
    {
        var plan = new BatchSampler(Data, new BatchSamplerOptions { BatchSize = 50, Shuffle = false }).PlanEpoch(7);

        Assert.Equal(Enumerable.Range(0, 103), plan.Order.ToArray());
    }

    [Fact]
    public void PlanEpoch_TombstonesExcluded_SurvivorsKeepTheirRelativeOrder()
    {
        var options = new BatchSamplerOptions { BatchSize = 8, Seed = 1 };
        var tombstones = new TombstoneSet([100, 150, 202]); // ids of indices 0, 50, 102

        var withTombstones = new BatchSampler(Data, options, tombstones).PlanEpoch(2).Order.ToArray();
        var without = new BatchSampler(Data, options).PlanEpoch(2).Order.ToArray();

        Assert.Equal(100, withTombstones.Length);
        Assert.DoesNotContain(0, withTombstones);
        Assert.DoesNotContain(50, withTombstones);
        Assert.Equal(without.Where(i => i is not (0 or 50 or 102)), withTombstones);
    }

    [Fact]
    public void Batches_TombstoneAddedMidEpoch_NeverInALaterBatch()
    {
        var tombstones = new TombstoneSet();
        var sampler = new BatchSampler(Data, new BatchSamplerOptions { BatchSize = 10, Seed = 3 }, tombstones);
        var plan = sampler.PlanEpoch(0);
        // Forget every sample planned for the last three batches, after the first batch is out.
        var late = plan.Order[70..].ToArray().Select(i => Data.GetId(i)).ToArray();
        var seen = new List<int>();

        using var batches = plan.Batches().GetEnumerator();
        Assert.True(batches.MoveNext());
        seen.AddRange(batches.Current);
        tombstones.AddRange(late);
        while (batches.MoveNext()) seen.AddRange(batches.Current);

        Assert.Equal(70, seen.Count);
        Assert.DoesNotContain(seen, i => late.Contains(Data.GetId(i)));
        // And in every later epoch.
        for (var epoch = 1; epoch < 4; epoch++)
            Assert.DoesNotContain(Batches(sampler, epoch).SelectMany(b => b), i => late.Contains(Data.GetId(i)));
    }

    [Fact]
    public void PlanEpoch_EverythingTombstoned_NoBatches()
    {
        var sampler = new BatchSampler(Data, new BatchSamplerOptions(), new TombstoneSet(Data.Ids.ToArray()));

        Assert.Empty(Batches(sampler, 0));
    }

    [Fact]
    public void Constructor_EmptyDatasetOrBadBatchSize_Rejected()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new BatchSampler(Data.Subset([]), new BatchSamplerOptions())).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(Data, new BatchSamplerOptions { BatchSize = 0 }));
    }

    [Fact]
    public void BatchBuffer_Fill_GathersFeaturesLabelsAndIds()
    {
        var buffer = new BatchBuffer(4, 2);

        buffer.Fill(Data, [5, 1]);

        Assert.Equal(2, buffer.Count);
        Assert.Equal([5f, -5f, 1f, -1f], buffer.Features.ToArray());
        Assert.Equal([2L, 1], buffer.Labels.ToArray());
        Assert.Equal([105L, 101], buffer.Ids.ToArray());
        Assert.Throws<ArgumentException>(() => buffer.Fill(Data, [0, 1, 2, 3, 4]));
    }
}
