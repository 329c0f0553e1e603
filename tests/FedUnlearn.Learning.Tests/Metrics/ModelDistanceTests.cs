using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Tests.Metrics;

public class ModelDistanceTests
{
    [Fact]
    public void AllMeasures_IdenticalOutputs_AreZero()
    {
        var p = Logits.Softmax([0.3f, -1f, 2f, 5f, 5f, 0f], 3);

        Assert.Equal(0, ModelDistance.JensenShannon(p, p, 3));
        Assert.Equal(0, ModelDistance.Activation(p, p, 3));
        Assert.Equal(0, ModelDistance.KullbackLeibler(p, p, 3), 12);
    }

    [Fact]
    public void AllMeasures_DisjointOneHot_HitTheirBounds()
    {
        float[] p = [1f, 0f, 0f, 0f, 0f, 1f];
        float[] q = [0f, 1f, 0f, 1f, 0f, 0f];

        Assert.Equal(Math.Log(2), ModelDistance.JensenShannon(p, q, 3), 12);
        Assert.Equal(Math.Sqrt(2), ModelDistance.Activation(p, q, 3), 6);
        Assert.Equal(double.PositiveInfinity, ModelDistance.KullbackLeibler(p, q, 3));
    }

    [Fact]
    public void JensenShannon_HalfVersusOneHot_MatchesHandValueAndIsSymmetric()
    {
        // m = (0.75, 0.25): ½[½ln(0.5/0.75) + ½ln(0.5/0.25)] + ½[ln(1/0.75)] = 0.21576155433883565 (python).
        float[] p = [0.5f, 0.5f];
        float[] q = [1f, 0f];

        Assert.Equal(0.21576155433883565, ModelDistance.JensenShannon(p, q, 2), 12);
        Assert.Equal(ModelDistance.JensenShannon(p, q, 2), ModelDistance.JensenShannon(q, p, 2), 15);
    }

    [Fact]
    public void JensenShannon_GeneralRows_SymmetricWhileKlIsNot()
    {
        var p = Logits.Softmax([0.1f, 2f, -1f, 3f, 0f, 0f], 3);
        var q = Logits.Softmax([1f, 0f, 0.5f, -2f, 4f, 1f], 3);

        Assert.Equal(ModelDistance.JensenShannon(p, q, 3), ModelDistance.JensenShannon(q, p, 3), 12);
        Assert.NotEqual(ModelDistance.KullbackLeibler(p, q, 3), ModelDistance.KullbackLeibler(q, p, 3), 6);
    }

    [Fact]
    public void Activation_TwoRows_MeanOfRowDistances()
    {
        // Row 0: |(0.5, 0.5) − (1, 0)| = √0.5; row 1 identical → mean √0.5 / 2.
        float[] p = [0.5f, 0.5f, 0.2f, 0.8f];
        float[] q = [1f, 0f, 0.2f, 0.8f];

        Assert.Equal(Math.Sqrt(0.5) / 2, ModelDistance.Activation(p, q, 2), 7);
    }

    [Fact]
    public void KullbackLeibler_KnownPair_MatchesHandValue()
    {
        // ½ln(0.5/0.25) + ½ln(0.5/0.75) = 0.14384103622589042 (python).
        Assert.Equal(0.14384103622589042, ModelDistance.KullbackLeibler([0.5f, 0.5f], [0.25f, 0.75f], 2), 7);
    }

    [Fact]
    public void Features_TwoRows_MeanEuclideanDistance()
    {
        float[] a = [0f, 0f, 0f, 1f, 1f, 1f];
        float[] b = [3f, 4f, 0f, 1f, 1f, 1f];

        Assert.Equal(2.5, ModelDistance.Features(a, b, 3), 12);
    }

    [Fact]
    public void Inputs_LogitsOrMismatchedOrEmpty_Throw()
    {
        var logits = Assert.Throws<ArgumentException>(() => ModelDistance.JensenShannon([2f, -1f], [0.5f, 0.5f], 2));
        Assert.Contains("not logits", logits.Message);
        var unnormalised = Assert.Throws<ArgumentException>(() => ModelDistance.Activation([0.5f, 0.5f], [2f, 1f], 2));
        Assert.Contains("sums to 3", unnormalised.Message);
        Assert.Throws<ArgumentException>(() => ModelDistance.Activation([1f, 0f], [1f, 0f, 0f, 1f], 2));
        Assert.Throws<ArgumentException>(() => ModelDistance.Activation([], [], 2));
        Assert.Throws<ArgumentException>(() => ModelDistance.Features([1f, float.NaN], [1f, 2f], 2));
        Assert.Throws<ArgumentException>(() => ModelDistance.Features([1f, 2f, 3f], [1f, 2f, 3f], 2));
    }
}
