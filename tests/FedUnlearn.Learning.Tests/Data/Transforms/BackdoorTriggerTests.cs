using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Data.Transforms;

namespace FedUnlearn.Learning.Tests.Data.Transforms;

public sealed class BackdoorTriggerTests
{
    private static readonly DenseDataset Images = SyntheticImages.Generate(
        new SyntheticImageOptions { Height = 8, Width = 8, TrainSamplesPerClass = 3, NoiseStdDev = 0 });

    [Fact]
    public void Stamp_BottomRight_WritesExactlyTheCornerPatch()
    {
        var pixels = new float[2 * 5 * 5];

        new BackdoorTrigger(size: 2).Stamp(pixels, [2, 5, 5]);

        var set = Enumerable.Range(0, pixels.Length).Where(i => pixels[i] == 1f).ToArray();
        Assert.Equal([18, 19, 23, 24, 43, 44, 48, 49], set);
    }

    [Fact]
    public void Stamp_TopLeftWithMargin_OffsetsPatch()
    {
        var pixels = new float[16];

        new BackdoorTrigger(size: 1, corner: TriggerCorner.TopLeft, value: 0.5f, margin: 1).Stamp(pixels, [4, 4]);

        Assert.Equal(0.5f, pixels[5]);
        Assert.Equal(0.5f, pixels.Sum());
    }

    [Fact]
    public void Poison_StampsAndRelabelsOnlyChosenIds_KeepsIds()
    {
        var poisoned = new BackdoorTrigger().Poison(Images, [4, 11], targetLabel: 7);

        Assert.Equal(Images.Count, poisoned.Count);
        Assert.Equal(Images.GetIds(), poisoned.GetIds());
        Assert.Equal(7, poisoned.GetLabel(4));
        Assert.Equal(7, poisoned.GetLabel(11));
        Assert.Equal(Images.GetLabel(5), poisoned.GetLabel(5));
        Assert.Equal(1f, poisoned.Features(4)[63]);
        Assert.Equal(Images.Features(5).ToArray(), poisoned.Features(5).ToArray());
        var features = new float[2 * 64];
        var labels = new long[2];
        poisoned.Gather([11, 5], features, labels);
        Assert.Equal([7L, Images.GetLabel(5)], labels);
        Assert.Equal(poisoned.Features(11).ToArray(), features[..64]);
    }

    [Fact]
    public void StampAll_KeepsLabels()
    {
        var triggered = new BackdoorTrigger().StampAll(Images);

        Assert.Equal(Images.Labels.ToArray(), Enumerable.Range(0, Images.Count).Select(triggered.GetLabel).ToArray());
        Assert.All(Enumerable.Range(0, Images.Count), i => Assert.Equal(1f, triggered.Features(i)[54]));
    }

    [Fact]
    public void Poison_BadInput_ClearErrors()
    {
        var trigger = new BackdoorTrigger();

        Assert.Contains("999", Assert.Throws<SampleSelectionException>(() => trigger.Poison(Images, [999], 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => trigger.Poison(Images, [1], 10));
        Assert.Contains("image shape", Assert.Throws<ArgumentException>(() => trigger.Poison(DatasetTestKit.Tiny(3), [100], 0)).Message);
    }
}
