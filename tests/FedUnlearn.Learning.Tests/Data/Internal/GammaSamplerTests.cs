using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Tests.Data.Internal;

public sealed class GammaSamplerTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.2)]
    public void NextGamma_MeanAndVarianceEqualShape(double shape)
    {
        var rng = new Xoshiro256(11);
        const int N = 200_000;
        var samples = new double[N];
        for (var i = 0; i < N; i++) samples[i] = GammaSampler.NextGamma(rng, shape);
        var mean = samples.Average();
        var variance = samples.Average(x => (x - mean) * (x - mean));

        // Gamma(k, 1): mean k, variance k. Standard error of the mean is sqrt(k/N) ≈ 0.005 for k = 4.2.
        Assert.InRange(mean, shape * 0.98, shape * 1.02);
        Assert.InRange(variance, shape * 0.95, shape * 1.05);
    }

    [Fact]
    public void NextDirichlet_TinyAlpha_SumsToOneWithoutNaN()
    {
        var rng = new Xoshiro256(3);
        var p = new double[20];
        for (var draw = 0; draw < 1000; draw++)
        {
            GammaSampler.NextDirichlet(rng, 0.001, p);
            Assert.All(p, x => Assert.True(x >= 0 && double.IsFinite(x)));
            Assert.Equal(1.0, p.Sum(), 9);
        }
    }

    [Fact]
    public void NextDirichlet_MarginalMeanIsOneOverK()
    {
        var rng = new Xoshiro256(5);
        var p = new double[4];
        var sum = new double[4];
        for (var draw = 0; draw < 20_000; draw++)
        {
            GammaSampler.NextDirichlet(rng, 0.5, p);
            for (var i = 0; i < 4; i++) sum[i] += p[i];
        }
        Assert.All(sum, s => Assert.InRange(s / 20_000, 0.24, 0.26));
    }
}
