using FedUnlearn.Contracts.Randomness;

namespace FedUnlearn.Contracts.Tests.Randomness;

public sealed class Xoshiro256Tests
{
    [Fact]
    public void Streams_SameSeedAndStreamRepeat_OthersDiffer()
    {
        ulong First(ulong seed, ulong stream) => new Xoshiro256(seed, stream).NextUInt64();

        Assert.Equal(First(1, 2), First(1, 2));
        Assert.NotEqual(First(1, 2), First(2, 1));
        Assert.NotEqual(First(1, 0), First(1, 1));
    }

    [Fact]
    public void NextInt_UniformOverSmallRange()
    {
        var rng = new Xoshiro256(7);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++) counts[rng.NextInt(6)]++;

        Assert.All(counts, n => Assert.InRange(n, 9_600, 10_400));
    }

    [Fact]
    public void NextApproxNormal_MeanZeroVarianceOne()
    {
        var rng = new Xoshiro256(8);
        var x = Enumerable.Range(0, 100_000).Select(_ => (double)rng.NextApproxNormal()).ToArray();
        var mean = x.Average();

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(x.Average(v => (v - mean) * (v - mean)), 0.98, 1.02);
    }

    [Fact]
    public void NextSingleAndNextDouble_InUnitInterval()
    {
        var rng = new Xoshiro256(9);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(rng.NextSingle(), 0f, 0.99999994f);
            Assert.InRange(rng.NextDouble(), 0.0, 0.9999999999999999);
        }
    }
}
